package dev.promptbench.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.results.request.Usage;
import java.util.List;

/**
 * The parts of a chat-completions response promptbench keeps. Everything else (ids, Azure's
 * {@code prompt_filter_results} and {@code content_filter_results}, token details other than reasoning and
 * cached tokens) is skipped.
 *
 * @param object      {@code chat.completion}; absent on some compatible servers, which is tolerated
 * @param serviceTier the tier that served the answer, when the service says
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CompletionBody(String object, List<Choice> choices, TokenCounts usage, String model,
                      @JsonProperty("service_tier") String serviceTier) {

    static final String OBJECT = "chat.completion";

    /** One choice; only the first is read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(Message message, @JsonProperty("finish_reason") String finishReason) {}

    /**
     * The assistant message: text, tool calls (or the deprecated function call), or a refusal. Content
     * is null when the model only called tools, refused, or was filtered.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Message(String content, @JsonProperty("tool_calls") JsonNode toolCalls,
                   @JsonProperty("function_call") JsonNode functionCall, String refusal) {

        /** True when the model said anything: text (even empty), a tool call or a refusal. */
        boolean hasOutput() {
            return content != null || refusal != null || present(toolCalls) || present(functionCall);
        }

        private static boolean present(JsonNode node) {
            return node != null && !node.isNull() && !(node.isContainerNode() && node.isEmpty());
        }
    }

    /**
     * Token counts as the service reports them; either may be missing on compatible servers, and the
     * details ({@code completion_tokens_details.reasoning_tokens}, {@code prompt_tokens_details.cached_tokens})
     * on most of them.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenCounts(@JsonProperty("prompt_tokens") Integer promptTokens,
                       @JsonProperty("completion_tokens") Integer completionTokens,
                       @JsonProperty("prompt_tokens_details") Details promptDetails,
                       @JsonProperty("completion_tokens_details") Details completionDetails) {

        /** Counts without details. */
        TokenCounts(Integer promptTokens, Integer completionTokens) {
            this(promptTokens, completionTokens, null, null);
        }

        /** The breakdown of a count; only the parts promptbench reports are read. */
        @JsonIgnoreProperties(ignoreUnknown = true)
        record Details(@JsonProperty("cached_tokens") Integer cachedTokens,
                       @JsonProperty("reasoning_tokens") Integer reasoningTokens) {}

        /**
         * The counts as {@link Usage}, or null unless both were sent: a missing count is unknown, and
         * promptbench never makes one up.
         */
        Usage toUsage() {
            return promptTokens == null || completionTokens == null ? null
                    : new Usage(promptTokens, completionTokens, reasoning(), cached());
        }

        private Integer reasoning() {
            return completionDetails == null ? null : completionDetails.reasoningTokens();
        }

        private Integer cached() {
            return promptDetails == null ? null : promptDetails.cachedTokens();
        }

        /** True when at least one count was sent. */
        boolean any() {
            return promptTokens != null || completionTokens != null;
        }

        /** Why these are not token counts (a negative one, a detail above its total), or null when they are. */
        String problem() {
            return Usage.problem(promptTokens, "usage.prompt_tokens", completionTokens, "usage.completion_tokens",
                    reasoning(), "usage.completion_tokens_details.reasoning_tokens",
                    cached(), "usage.prompt_tokens_details.cached_tokens");
        }
    }

    /** The first choice, or null when there is none (which makes the body not a chat completion). */
    Choice firstChoice() {
        return choices == null || choices.isEmpty() ? null : choices.get(0);
    }

    /**
     * Why this body is not a chat completion, or null when it is one: an {@code object} other than
     * {@code chat.completion} (absent or empty is tolerated), no choice, a message with no content, tool
     * calls or refusal (unless the service filtered it), or token counts that are not counts.
     */
    String problem() {
        if (object != null && !object.isEmpty() && !OBJECT.equals(object)) {
            return "\"object\" is \"" + object + "\", not \"" + OBJECT + "\"";
        }
        Choice choice = firstChoice();
        if (choice == null) {
            return "no choices";
        }
        if (choice.message() == null) {
            return "choices[0] has no message";
        }
        if (!choice.message().hasOutput() && !"content_filter".equals(choice.finishReason())) {
            return "choices[0].message has no content, tool calls or refusal";
        }
        return usage == null ? null : usage.problem();
    }

    /** The service's counts, or null when it sent no counts (or only one of the two). */
    Usage toUsage() {
        return usage == null ? null : usage.toUsage();
    }

    /** The tier the answer says served it, or null when it named none (or one promptbench does not know). */
    ServiceTier servedTier() {
        return ServiceTier.parse(serviceTier).orElse(null);
    }
}
