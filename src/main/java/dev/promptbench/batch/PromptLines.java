package dev.promptbench.batch;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.prompt.Prompt;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.prompt.PromptSource;
import dev.promptbench.run.RequestTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a prompt file into part files of input lines: custom_id = the prompt's id, which must be unique. */
final class PromptLines {
    private PromptLines() {}

    static List<PartWriter.Written> write(PromptSource source, RequestTemplate template, BatchTarget target,
                                          BatchLimits limits, Path dir, String label) throws IOException, PromptFileException {
        InputLines lines = new InputLines(target);
        Map<String, Integer> seen = new HashMap<>();
        try (PartWriter parts = new PartWriter(dir, limits, 0, 1)) {
            for (Prompt prompt = source.next(); prompt != null; prompt = source.next()) {
                Integer earlier = seen.putIfAbsent(prompt.id(), prompt.index());
                if (earlier != null) {
                    throw new PromptFileException(label, "prompt " + (prompt.index() + 1) + ": its id '" + prompt.id()
                            + "' is also the id of prompt " + (earlier + 1)
                            + "; the Batch API joins answers by id, so each must be unique");
                }
                ChatRequest request = template.requestFor(prompt);
                parts.add(lines.line(prompt.id(), request), prompt.id());
            }
            parts.close();
            return parts.parts();
        }
    }
}
