package dev.promptbench.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The parts of a chat-completions response promptbench keeps. Everything else (ids, Azure's
 * {@code prompt_filter_results} and {@code content_filter_results}, token details) is skipped.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CompletionBody(List<Choice> choices, TokenCounts usage, String model) {

    /** One choice; only the first is read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(Message message, @JsonProperty("finish_reason") String finishReason) {}

    /** The assistant message; content is null when the model only called tools or was filtered. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Message(String content) {}

    /** Token counts as the service reports them; either may be missing on compatible servers. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenCounts(@JsonProperty("prompt_tokens") Integer promptTokens,
                       @JsonProperty("completion_tokens") Integer completionTokens) {

        /** The counts as {@link Usage} (a missing one as 0), or null when neither was sent. */
        Usage toUsage() {
            if (promptTokens == null && completionTokens == null) {
                return null;
            }
            return new Usage(orZero(promptTokens), orZero(completionTokens));
        }

        private static int orZero(Integer value) { return value == null ? 0 : value; }
    }

    /** The first choice, or null when there is none (which makes the body not a chat completion). */
    Choice firstChoice() {
        return choices == null || choices.isEmpty() ? null : choices.get(0);
    }

    /** The service's counts, or null when it sent none. */
    Usage toUsage() {
        return usage == null ? null : usage.toUsage();
    }
}
