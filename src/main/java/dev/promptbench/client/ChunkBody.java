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
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChunkBody(List<Choice> choices, CompletionBody.TokenCounts usage, String model, JsonNode error) {

    /** One choice of a chunk; only index 0 is assembled. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(Integer index, Delta delta, @JsonProperty("finish_reason") String finishReason) {

        /** True for the first choice (a missing index is taken as 0: only one choice was asked for). */
        boolean first() { return index == null || index == 0; }
    }

    /** What one chunk adds to the message; every field may be absent. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Delta(String content, @JsonProperty("tool_calls") JsonNode toolCalls) {}

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

    /** True for {@code {"error": {...}}} (or a bare error string) sent in place of a chunk. */
    boolean isError() {
        return error != null && !error.isNull();
    }
}
