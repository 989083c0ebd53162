package dev.promptbench.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * One choice of a simulated answer: its text as pieces of one token each (the message's content, or a tool
 * call's arguments), the finish reason, and the tool call it makes, if any.
 *
 * @param index        the choice's index (0 to n - 1)
 * @param pieces       the content (or the call's arguments), one token a piece, joined without separators
 * @param finishReason {@code stop}, {@code length} or {@code tool_calls}
 * @param call         the function called, or null for a message
 * @param callId       the tool call's id ({@code call_...}), or null
 */
record ChoiceAnswer(int index, List<String> pieces, String finishReason, ChatOptions.ToolCall call, String callId) {

    /** Sentence offsets between choices, so the n choices of one request read differently. */
    private static final long CHOICE_STRIDE = 7919;
    /** Characters of JSON text per piece: roughly what a tokenizer makes of JSON. */
    private static final int JSON_CHARS_PER_PIECE = 4;

    /** The text joined. */
    String text() {
        return String.join("", pieces);
    }

    /**
     * The answer's choices as {@code call} asks for them (n of them; words, JSON or a tool call), their
     * length from the latency plan; JSON longer than the request's max tokens is cut there, as the services
     * cut it ({@code finish_reason: length}, the JSON left unfinished).
     *
     * @param number the request's arrival number, which makes the tool call ids unique
     */
    static List<ChoiceAnswer> of(ChatCall call, ServicePlan plan, long number) {
        ChatOptions options = call.options();
        List<ChoiceAnswer> choices = new ArrayList<>(options.n());
        for (int i = 0; i < options.n(); i++) {
            List<String> words = AnswerText.pieces(call.lastUserText(), plan.completionTokens(),
                    plan.textStart() + i * CHOICE_STRIDE);
            if (options.toolCall() != null) {
                String arguments = JsonInstance.of(options.toolCall().parameters(), String.join("", words)).toString();
                choices.add(cut(i, jsonPieces(arguments), call.maxTokens(), "tool_calls", options.toolCall(),
                        "call_sim" + number + "x" + i));
            } else if (options.format().json()) {
                String json = JsonInstance.of(options.format().schema(), String.join("", words)).toString();
                choices.add(cut(i, jsonPieces(json), call.maxTokens(), "stop", null, null));
            } else {
                choices.add(new ChoiceAnswer(i, words, plan.finishReason(), null, null));
            }
        }
        return choices;
    }

    private static ChoiceAnswer cut(int index, List<String> pieces, Integer maxTokens, String finish,
                                    ChatOptions.ToolCall call, String callId) {
        if (maxTokens != null && pieces.size() > maxTokens) {
            return new ChoiceAnswer(index, List.copyOf(pieces.subList(0, Math.max(1, maxTokens))), "length", call,
                    callId);
        }
        return new ChoiceAnswer(index, pieces, finish, call, callId);
    }

    private static List<String> jsonPieces(String json) {
        List<String> pieces = new ArrayList<>();
        for (int at = 0; at < json.length(); ) {
            int end = Math.min(json.length(), at + JSON_CHARS_PER_PIECE);
            if (end < json.length() && Character.isHighSurrogate(json.charAt(end - 1))) end++;
            pieces.add(json.substring(at, end));
            at = end;
        }
        return pieces;
    }

    /** Completion tokens of all the choices together: what the services bill for n choices. */
    static int completionTokens(List<ChoiceAnswer> choices) {
        return choices.stream().mapToInt(c -> c.pieces().size()).sum();
    }
}
