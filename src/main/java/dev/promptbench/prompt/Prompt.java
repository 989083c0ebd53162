package dev.promptbench.prompt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One prompt read from a prompt file: its position, a stable id, the chat messages and any
 * per-prompt request fields.
 *
 * <p>The Jackson nodes are never mutated after the prompt is built; request builders copy them.
 *
 * @param index    0-based position among the file's prompts (blank lines are not prompts)
 * @param id       stable id: {@code line-N} (1-based line number) unless a JSONL line gives {@code id}
 * @param messages the chat messages exactly as they will be sent (content arrays untouched)
 * @param fields   per-prompt API fields from a JSONL line ({@code temperature}, {@code max_tokens},
 *                 {@code top_p}, {@code seed} and any unknown keys, passed through); empty for .txt
 */
public record Prompt(int index, String id, ArrayNode messages, ObjectNode fields) {}
