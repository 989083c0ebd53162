package dev.promptbench.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The parts of one streamed {@code chat.completion.chunk} promptbench keeps. Azure's filter event
 * ({@code "choices": []} with {@code prompt_filter_results}), annotation-only choices without a
 * {@code delta}, {@code "usage": null} and unknown fields all parse; an {@code error} object marks an
 * error event.
 *
 * @param object {@code chat.completion.chunk}, {@code ""} in Azure's filter event, absent on some servers
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChunkBody(String object, List<Choice> choices, CompletionBody.TokenCounts usage, String model,
                 JsonNode error, @JsonProperty("service_tier") String serviceTier) {

    static final String OBJECT = "chat.completion.chunk";

    /** One choice of a chunk; only index 0 is assembled. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(Integer index, Delta delta, @JsonProperty("finish_reason") String finishReason) {

        /** True for the first choice (a missing index is taken as 0: only one choice was asked for). */
        boolean first() { return index == null || index == 0; }
    }

    /** What one chunk adds to the message (text, tool calls or refusal text); every field may be absent. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Delta(String content, @JsonProperty("tool_calls") JsonNode toolCalls, String refusal) {}

    /** The choice with index 0, or null when this chunk has none. */
    Choice firstChoice() {
        if (choices != null) {
            for (Choice choice : choices) {
                if (choice != null && choice.first()) {
                    return choice;
                }
            }
        }
        return null;
    }

    /**
     * True unless {@code object} names something else: absent (some compatible servers) and empty (Azure's
     * filter event) are tolerated.
     */
    boolean isChunk() {
        return object == null || object.isEmpty() || OBJECT.equals(object);
    }

    /** True for {@code {"error": {...}}} (or a bare error string) sent in place of a chunk. */
    boolean isError() {
        return error != null && !error.isNull();
    }
}
