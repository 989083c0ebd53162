package dev.promptbench.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Log probabilities of an answer's tokens in the services' shape ({@code logprobs.content}: each token
 * with its {@code logprob}, UTF-8 {@code bytes} and {@code top_logprobs} alternatives): made-up but
 * well-formed, the chosen token always the likeliest, the same for the same text.
 */
final class TokenLogprobs {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Alternatives offered after the chosen token, less likely each. */
    private static final List<String> ALTERNATIVES = List.of(" the", ",", " a", ".", " and", " to", " of",
            " in", " is", " it", " that", " for", " on", " with", " as", " was", " be", " by", " at", " or");

    private TokenLogprobs() {}

    /** The {@code content} entries of {@code pieces}, each with {@code top} alternatives (0 to 20). */
    static ArrayNode content(List<String> pieces, int top) {
        ArrayNode content = JSON.arrayNode();
        for (String piece : pieces) {
            double logprob = -((piece.hashCode() & 0x3ff) / 1024.0) * 0.5; // between -0.5 and 0
            ObjectNode entry = token(piece, logprob);
            ArrayNode alternatives = entry.putArray("top_logprobs");
            if (top > 0) alternatives.add(token(piece, logprob));
            for (int i = 0; alternatives.size() < top; i++) {
                String alternative = ALTERNATIVES.get(i % ALTERNATIVES.size());
                if (!alternative.equals(piece)) alternatives.add(token(alternative, logprob - 2 - i));
            }
            content.add(entry);
        }
        return content;
    }

    /** The {@code logprobs} object of a choice: its content entries ({@code refusal} too, on OpenAI's route). */
    static ObjectNode of(List<String> pieces, int top, boolean azure) {
        ObjectNode logprobs = JSON.objectNode();
        logprobs.set("content", content(pieces, top));
        if (!azure) logprobs.putNull("refusal");
        return logprobs;
    }

    private static ObjectNode token(String token, double logprob) {
        ObjectNode entry = JSON.objectNode().put("token", token).put("logprob", logprob);
        ArrayNode bytes = entry.putArray("bytes");
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) bytes.add(b & 0xff);
        return entry;
    }
}
