package dev.promptbench.cli;

import dev.promptbench.prompt.PromptFile;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.prompt.TextPromptStyle;
import java.nio.file.Path;

/** Opens the PROMPT_FILE of a command: a prompt file, or with {@code --template} a file of variables. */
final class PromptSources {
    private PromptSources() {}

    static PromptFile open(String promptFile, Path template, TextPromptStyle style) throws PromptFileException {
        if (template == null) return PromptFile.open(promptFile, style, System.in);
        if ("-".equals(promptFile)) {
            throw new UsageException("--template needs its variables in a file (.csv or .jsonl), not standard input");
        }
        return PromptFile.openTemplate(promptFile, template, style);
    }
}
