package dev.promptbench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * How the simulator's rate limiter counts a request's prompt tokens when it charges the request at
 * admission. Services estimate at admission with a rule of their own, which is not the tokenizer
 * behind {@code usage} (and changes with models); {@link #CHARS4} lets a client's budget meet a
 * service that counts differently from it, while {@code usage} keeps reporting {@link #WORDS}.
 */
public enum TokenCounting {
    /** As {@code usage} reports them: a word or a punctuation mark each, see {@link TokenEstimate}. */
    WORDS("words"),
    /** One token per started four characters of each message's text, plus the same framing as words. */
    CHARS4("chars4");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHARS_PER_TOKEN = 4;

    private final String wireName;

    TokenCounting(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the command line: {@code words} or {@code chars4}. */
    public String wireName() {
        return wireName;
    }

    /** The counting named {@code name}, or null when there is none by that name. */
    public static TokenCounting named(String name) {
        for (TokenCounting counting : values()) {
            if (counting.wireName.equals(name)) {
                return counting;
            }
        }
        return null;
    }

    /** The prompt tokens of {@code call} as this counting charges them. */
    long promptTokens(ChatCall call) {
        if (this == WORDS) {
            return call.promptTokens();
        }
        long tokens = TokenEstimate.PER_REQUEST;
        for (JsonNode message : messages(call)) {
            long chars = characters(message.get("content"));
            tokens += TokenEstimate.PER_MESSAGE + (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
        }
        return tokens;
    }

    private static JsonNode messages(ChatCall call) {
        try {
            return JSON.readTree(call.messagesJson());
        } catch (JsonProcessingException e) {
            // The request rules parsed the same text already; this cannot happen, and charges nothing if it does.
            return JSON.createArrayNode();
        }
    }

    /** Characters of a message's text: a string, or the text parts of an array (joined by one newline). */
    private static long characters(JsonNode content) {
        if (content == null || content.isNull()) {
            return 0;
        }
        if (content.isTextual()) {
            return content.textValue().codePointCount(0, content.textValue().length());
        }
        long chars = 0;
        int parts = 0;
        for (JsonNode part : content) {
            JsonNode text = part.get("text");
            if ("text".equals(part.path("type").asText()) && text != null && text.isTextual()) {
                chars += text.textValue().codePointCount(0, text.textValue().length()) + (parts++ > 0 ? 1 : 0);
            }
        }
        return chars;
    }
}
