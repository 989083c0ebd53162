package dev.promptbench.batch;

import dev.promptbench.prompt.Prompt;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.prompt.PromptSource;
import java.util.HashMap;
import java.util.Map;

/** The prompt file's ids and their positions: what custom_ids are joined to (ids only, never answers). */
public final class PromptIds {
    private PromptIds() {}

    public static Map<String, Integer> read(PromptSource source) throws PromptFileException {
        Map<String, Integer> ids = new HashMap<>();
        for (Prompt prompt = source.next(); prompt != null; prompt = source.next()) {
            ids.putIfAbsent(prompt.id(), prompt.index());
        }
        return ids;
    }
}
