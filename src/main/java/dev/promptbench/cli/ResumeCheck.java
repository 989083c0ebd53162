package dev.promptbench.cli;

import dev.promptbench.prompt.PromptFile;
import dev.promptbench.results.PreviousRun;
import java.io.IOException;
import java.nio.file.Path;

/** Checks that a results file can be resumed with this prompt file. */
final class ResumeCheck {
    private ResumeCheck() {}

    static PreviousRun read(Path results, PromptFile prompts) throws IOException {
        if (prompts.sha256() == null) {
            throw new UsageException("--resume needs the prompt file itself, not standard input");
        }
        PreviousRun previous;
        try {
            previous = PreviousRun.read(results);
        } catch (PreviousRun.InvalidResultsException e) {
            throw new UsageException("--resume " + e.getMessage());
        }
        if (!prompts.sha256().equals(previous.promptSha256())) {
            throw new UsageException("--resume " + results + ": the prompt file " + prompts.displayName()
                    + " changed since that run (SHA-256 differs); start a new run instead");
        }
        return previous;
    }
}
