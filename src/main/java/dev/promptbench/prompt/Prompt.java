package dev.promptbench.prompt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One prompt read from a prompt file: its position, a stable id, the chat messages and any
 * per-prompt request fields, as immutable typed values.
 *
 * @param index    0-based position among the file's prompts (blank lines are not prompts)
 * @param id       stable id: {@code line-N} (1-based line number) unless a JSONL line gives {@code id}
 * @param messages the chat messages exactly as they will be sent (content arrays untouched)
 * @param fields   per-prompt API fields from a JSONL line ({@code temperature}, {@code max_tokens},
 *                 {@code top_p}, {@code seed} and any unknown keys, passed through) in order; empty for .txt
 */
public record Prompt(int index, String id, List<Message> messages, Map<String, JsonValue> fields) {

    public Prompt {
        messages = List.copyOf(messages);
        fields = fields.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
