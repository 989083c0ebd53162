package dev.promptbench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.results.request.Usage;
import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * Assembles one streamed chat completion from its SSE events: concatenates choice 0's
 * {@code delta.content}, keeps the finish reason, usage and model, and times every content-bearing
 * event.
 *
 * <p>An event is content-bearing when choice 0's delta has non-empty {@code content}, {@code tool_calls}
 * or {@code refusal} (the refusal's text is kept apart from the answer). Azure's filter event ({@code "choices": []}), the role-only first delta
 * ({@code "content": ""}), annotation-only chunks without a delta, the finish event without text and
 * the usage event are not: time to first token is measured at the first token, not the first event.
 */
final class ChatStream extends EventStream {
    private static final String DONE = "[DONE]";

    private final ObjectReader chunkReader;
    /** Tool-call names and arguments: not part of the answer, but tokens the model wrote. */
    private final StringBuilder toolText = new StringBuilder();
    private String finishReason;
    private CompletionBody.TokenCounts counts;
    private ServiceTier servedTier;
    private String model;
    private boolean sawChoice;

    /**
     * @param chunkReader reads {@link ChunkBody}
     * @param treeReader  reads error events
     * @param nanoTime    the clock content events are timed with (the call's ticker; tests pin it)
     */
    ChatStream(ObjectReader chunkReader, ObjectReader treeReader, LongSupplier nanoTime) {
        super(treeReader, nanoTime, "a chat completion chunk");
        this.chunkReader = chunkReader;
    }

    /**
     * A stream that closed completes the answer only after a finish reason. Lenient where it costs nothing: a
     * final [DONE] without its blank line still completes it, and so does a close after the finish reason
     * (some compatible servers never send [DONE]).
     */
    @Override
    StreamResult closed(String unterminated) {
        if (isDone(unterminated) || finishReason != null) {
            return complete();
        }
        return new StreamResult.Failed(ErrorKind.STREAM_INCOMPLETE, null,
                "stream ended before [DONE] or a finish reason after " + describeProgress());
    }

    /** Ends at {@code [DONE]}, an error event or a malformed event; any other event adds to the answer. */
    @Override
    StreamResult accept(String data) {
        if (isDone(data)) {
            return complete();
        }
        events++;
        ChunkBody chunk;
        try {
            chunk = chunkReader.readValue(data);
        } catch (IOException e) {
            return malformed(whyUnreadable(e));
        }
        if (chunk == null) {
            return malformed("null");
        }
        if (!chunk.isChunk()) {
            return malformed("\"object\" is \"" + chunk.object() + "\"");
        }
        if (chunk.isError()) {
            ErrorBody error = error(data);
            return new StreamResult.Failed(FailureClassifier.kindOfStreamError(error),
                    error == null ? null : error.code(),
                    "error event after " + describeProgress() + ": " + describe(error));
        }
        if (chunk.model() != null && !chunk.model().isBlank()) {
            model = chunk.model();
        }
        if (chunk.serviceTier() != null) {
            servedTier = ServiceTier.parse(chunk.serviceTier()).orElse(null);
        }
        if (chunk.usage() != null && chunk.usage().any()) {
            String problem = chunk.usage().problem();
            if (problem != null) {
                return malformed(problem);
            }
            // The last one wins: some servers send running counts on every chunk.
            counts = chunk.usage();
        }
        ChunkBody.Choice choice = chunk.firstChoice();
        if (choice != null) {
            sawChoice = true;
            if (choice.finishReason() != null) {
                finishReason = choice.finishReason();
            }
            if (choice.delta() != null && takeDelta(choice.delta())) {
                markVisible();
            }
        }
        return null;
    }

    /** Adds a delta's text; true when it carried any. */
    private boolean takeDelta(ChunkBody.Delta delta) {
        boolean content = delta.content() != null && !delta.content().isEmpty();
        if (content) {
            answer.append(delta.content());
        }
        boolean tools = delta.toolCalls() != null && delta.toolCalls().isArray() && !delta.toolCalls().isEmpty();
        if (tools) {
            for (JsonNode call : delta.toolCalls()) {
                JsonNode function = call.path("function");
                toolText.append(function.path("name").asText("")).append(function.path("arguments").asText(""));
            }
        }
        boolean refused = delta.refusal() != null && !delta.refusal().isEmpty();
        if (refused) {
            appendRefusal(delta.refusal());
        }
        return content || tools || refused;
    }

    private StreamResult complete() {
        if (!sawChoice) {
            return new StreamResult.Failed(ErrorKind.MALFORMED, null,
                    "stream reached [DONE] without any choice (" + events + " events)");
        }
        Usage usage = counts == null ? null : counts.toUsage();
        // The pace of the stream is the pace of the tokens it shows: reasoning tokens, when the service
        // separates them, were spent before the first visible one.
        Integer sent = usage != null ? Integer.valueOf(usage.visibleTokens())
                : counts == null ? null : counts.completionTokens();
        // No completion_tokens, or a 0 contradicted by the text received, is no count at all.
        boolean estimated = sent == null || (sent == 0 && times.count() > 0);
        String refused = refusal();
        int tokens = estimated ? TokenEstimate.of(answer.toString() + toolText + (refused == null ? "" : refused),
                times.count()) : sent;
        return new Answer(answer.toString(), finishReason, usage, model, times.metrics(tokens, estimated), servedTier,
                refused);
    }

    private static String describe(ErrorBody error) {
        if (error == null) {
            return "(no code or message)";
        }
        StringBuilder out = new StringBuilder();
        if (error.code() != null) {
            out.append(error.code());
        }
        if (error.innerCode() != null) {
            out.append(" (").append(error.innerCode()).append(')');
        }
        if (error.message() != null) {
            out.append(out.isEmpty() ? "" : ": ").append(error.message());
        }
        return out.isEmpty() ? "(no code or message)" : out.toString();
    }

    private static boolean isDone(String data) {
        return data != null && DONE.equals(data.trim());
    }
}
