package dev.promptbench.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One row of an {@code --answers} file: a prompt, what became of it, and its answer.
 *
 * @param prompt the prompt's text (its last message; a JSON array when that message has parts)
 * @param error  the error message, or null
 */
@JsonPropertyOrder({"index", "id", "prompt", "status", "answer", "prompt_tokens", "completion_tokens", "finish_reason",
    "error"})
public record AnswerRow(int index, String id, String prompt, String status, String answer, Integer promptTokens,
                        Integer completionTokens, String finishReason, String error) {}
