package dev.promptbench.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of one Responses API stream event promptbench reads: its {@code type}, the {@code delta} of
 * text, reasoning and function-call-argument events, the {@code item} of {@code response.output_item.added},
 * and the {@code response} of the terminal events. Unknown types and fields parse and are skipped.
 *
 * @param type     e.g. {@code response.output_text.delta}, {@code response.completed}, {@code error}
 * @param delta    the text a delta event adds (any JSON: only a string counts)
 * @param item     the output item an {@code output_item} event names, or null
 * @param response the response a lifecycle event carries, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ResponseEvent(String type, JsonNode delta, JsonNode item, ResponseBody response) {

    static final String TEXT_DELTA = "response.output_text.delta";
    static final String ARGUMENTS_DELTA = "response.function_call_arguments.delta";
    static final String REFUSAL_DELTA = "response.refusal.delta";
    static final String REASONING_SUMMARY_DELTA = "response.reasoning_summary_text.delta";
    static final String REASONING_DELTA = "response.reasoning_text.delta";
    static final String ITEM_ADDED = "response.output_item.added";
    static final String COMPLETED = "response.completed";
    static final String INCOMPLETE = "response.incomplete";
    static final String FAILED = "response.failed";
    static final String ERROR = "error";

    /** The delta's text, or "" when it has none. */
    String deltaText() {
        return delta != null && delta.isTextual() ? delta.asText() : "";
    }

    /** True for the events that end a response: completed, incomplete or failed. */
    boolean terminal() {
        return COMPLETED.equals(type) || INCOMPLETE.equals(type) || FAILED.equals(type);
    }

    /** True when this event shows the model reasoning: a reasoning item begun, or reasoning text. */
    boolean reasoning() {
        return REASONING_SUMMARY_DELTA.equals(type) || REASONING_DELTA.equals(type)
                || (ITEM_ADDED.equals(type) && item != null && "reasoning".equals(item.path("type").asText()));
    }
}
