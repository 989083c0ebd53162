package dev.promptbench.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.results.request.StreamMetrics;
import dev.promptbench.results.request.Usage;
import java.util.List;

/**
 * The parts of a Responses API {@code response} object promptbench keeps: the whole answer when not
 * streamed, and the object carried by the terminal stream events ({@code response.completed},
 * {@code response.incomplete}, {@code response.failed}).
 *
 * @param object            {@code response}; absent is tolerated
 * @param status            {@code completed}, {@code incomplete}, {@code failed}, {@code in_progress}, ...
 * @param output            the output items (reasoning, messages, function calls)
 * @param usage             the token counts, or null
 * @param model             the model that answered, or null
 * @param error             {@code {code, message}} of a failed response, or null
 * @param incompleteDetails why an incomplete response stopped, or null
 * @param serviceTier       the tier that served the response, when the service says
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ResponseBody(String object, String status, List<OutputItem> output, Counts usage, String model,
                    JsonNode error, @JsonProperty("incomplete_details") IncompleteDetails incompleteDetails,
                    @JsonProperty("service_tier") String serviceTier) {

    static final String OBJECT = "response";

    /** One output item; only messages and function calls are visible output. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OutputItem(String type, List<ContentPart> content, String name, String arguments) {}

    /** One part of a message item: {@code output_text} with {@code text}, or {@code refusal}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ContentPart(String type, String text, String refusal) {}

    /** {@code incomplete_details}: {@code max_output_tokens} or {@code content_filter}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record IncompleteDetails(String reason) {}

    /** The Responses API's usage: input and output tokens, with their details. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Counts(@JsonProperty("input_tokens") Integer inputTokens,
                  @JsonProperty("output_tokens") Integer outputTokens,
                  @JsonProperty("input_tokens_details") Details inputDetails,
                  @JsonProperty("output_tokens_details") Details outputDetails) {

        /** {@code input_tokens_details.cached_tokens}, {@code output_tokens_details.reasoning_tokens}. */
        @JsonIgnoreProperties(ignoreUnknown = true)
        record Details(@JsonProperty("cached_tokens") Integer cachedTokens,
                       @JsonProperty("reasoning_tokens") Integer reasoningTokens) {}

        /** The counts, or null unless both totals were sent. */
        Usage toUsage() {
            return inputTokens == null || outputTokens == null ? null
                    : new Usage(inputTokens, outputTokens, reasoning(), cached());
        }

        private Integer reasoning() {
            return outputDetails == null ? null : outputDetails.reasoningTokens();
        }

        private Integer cached() {
            return inputDetails == null ? null : inputDetails.cachedTokens();
        }

        String problem() {
            return Usage.problem(inputTokens, "usage.input_tokens", outputTokens, "usage.output_tokens",
                    reasoning(), "usage.output_tokens_details.reasoning_tokens",
                    cached(), "usage.input_tokens_details.cached_tokens");
        }
    }

    /** The visible text of the output: every message's {@code output_text} parts, in order. */
    String outputText() {
        StringBuilder text = new StringBuilder();
        if (output != null) {
            for (OutputItem item : output) {
                if (item != null && "message".equals(item.type()) && item.content() != null) {
                    for (ContentPart part : item.content()) {
                        if (part != null && "output_text".equals(part.type()) && part.text() != null) {
                            text.append(part.text());
                        }
                    }
                }
            }
        }
        return text.toString();
    }

    /** The refusal parts of every message, in order, or null when the model did not refuse. */
    String refusal() {
        StringBuilder text = null;
        if (output != null) {
            for (OutputItem item : output) {
                if (item == null || !"message".equals(item.type()) || item.content() == null) continue;
                for (ContentPart part : item.content()) {
                    if (part != null && "refusal".equals(part.type()) && part.refusal() != null) {
                        if (text == null) text = new StringBuilder();
                        text.append(part.refusal());
                    }
                }
            }
        }
        return text == null ? null : text.toString();
    }

    /** True when the output holds a message with text or a refusal, or a function call. */
    private boolean hasVisibleOutput() {
        if (output == null) return false;
        for (OutputItem item : output) {
            if (item == null) continue;
            if ("function_call".equals(item.type())) return true;
            if ("message".equals(item.type()) && item.content() != null) {
                for (ContentPart part : item.content()) {
                    if (part != null && (part.text() != null || part.refusal() != null)) return true;
                }
            }
        }
        return false;
    }

    private boolean calledFunctions() {
        return output != null && output.stream().anyMatch(item -> item != null && "function_call".equals(item.type()));
    }

    /**
     * What this response amounts to, as strict as a chat completion is read: an answer only with status
     * {@code completed} (or {@code incomplete} for {@code max_output_tokens}, finish reason {@code length};
     * {@code content_filter}, finish reason {@code content_filter}), an output list and usage; a
     * {@code failed} response is the failure it reports; anything else is MALFORMED.
     *
     * @param streamedText    the text the stream's deltas carried, or null when not streamed
     * @param streamedAny     whether the stream carried any visible delta (text, refusal or function-call arguments)
     * @param metrics         the stream's token timing, or null when not streamed
     * @param streamedRefusal the refusal text the stream's deltas carried, or null (then the output's is taken)
     */
    StreamResult result(String streamedText, boolean streamedAny, StreamMetrics metrics, String streamedRefusal) {
        if (object != null && !object.isEmpty() && !OBJECT.equals(object)) {
            return malformed("\"object\" is \"" + object + "\", not \"" + OBJECT + "\"");
        }
        if ("failed".equals(status)) {
            ErrorBody body = error == null || !error.isObject() ? null
                    : new ErrorBody(text(error.get("code")), null, text(error.get("message")));
            String code = body == null ? null : body.code();
            return new StreamResult.Failed(kindOfFailure(body), code,
                    "response failed: " + ResponseStream.describe(body));
        }
        String finishReason;
        if ("completed".equals(status)) {
            finishReason = calledFunctions() && (streamedText == null ? outputText() : streamedText).isEmpty()
                    ? "tool_calls" : "stop";
        } else if ("incomplete".equals(status)) {
            String reason = incompleteDetails == null ? null : incompleteDetails.reason();
            if ("max_output_tokens".equals(reason)) {
                finishReason = "length";
            } else if ("content_filter".equals(reason)) {
                finishReason = "content_filter";
            } else {
                return malformed("status is \"incomplete\" for "
                        + (reason == null ? "no reason" : "reason \"" + reason + "\""));
            }
        } else {
            return malformed(status == null ? "no status"
                    : "status is \"" + status + "\", not completed, incomplete or failed");
        }
        if (output == null) {
            return malformed("no output list");
        }
        if (finishReason.equals("stop") && !streamedAny && !hasVisibleOutput()) {
            return malformed("status is \"completed\" but the output has no text, refusal or function call");
        }
        if (usage == null) {
            return malformed("no usage");
        }
        String problem = usage.problem();
        if (problem == null && usage.toUsage() == null) {
            problem = "usage lacks input_tokens or output_tokens";
        }
        if (problem != null) {
            return malformed(problem);
        }
        String answer = streamedText != null ? streamedText : outputText();
        return new Answer(answer, finishReason, usage.toUsage(), model, metrics,
                ServiceTier.parse(serviceTier).orElse(null), streamedRefusal != null ? streamedRefusal : refusal());
    }

    /**
     * The kind a failed response's (or an error event's) code stands for: a rate limit is RATE_LIMITED, a
     * code naming the request's own content ({@code invalid_prompt}, {@code invalid_image}, ...) is
     * BAD_REQUEST (sending it again changes nothing), and the rest as an error event in a chat stream.
     */
    static ErrorKind kindOfFailure(ErrorBody body) {
        String code = body == null ? null : body.code();
        if (code != null && (code.startsWith("invalid_") || code.startsWith("image_") || code.startsWith("empty_")
                || code.startsWith("unsupported_") || code.endsWith("_not_found")
                || code.equals("failed_to_download_image"))) {
            return code.contains("content_policy") ? ErrorKind.CONTENT_FILTER : ErrorKind.BAD_REQUEST;
        }
        return FailureClassifier.kindOfStreamError(body);
    }

    private static StreamResult malformed(String why) {
        return new StreamResult.Failed(ErrorKind.MALFORMED, null, "not a complete response: " + why);
    }

    private static String text(JsonNode node) {
        return node == null || !node.isValueNode() || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }
}
