package dev.promptbench.cli;

import dev.promptbench.prompt.PromptFile;
import dev.promptbench.results.PreviousRun;
import java.io.IOException;
import dev.promptbench.app.RunSettings;
import dev.promptbench.app.RunSpec;
import java.nio.file.Path;
import java.util.List;

/** Checks that a results file can be resumed with this prompt file. */
final class ResumeCheck {
    private ResumeCheck() {}

    /**
     * Refuses a command line that would mix two runs: every setting the file recorded must be the same now.
     * Nothing has been written yet, so the file stays as it was.
     */
    static void sameSettings(Path results, PreviousRun previous, RunSpec spec) {
        List<String> differences = RunSettings.disagreements(previous.settings(), RunSettings.of(spec));
        if (!differences.isEmpty()) {
            throw new UsageException("--resume " + results + " would mix two runs: " + String.join("; ", differences)
                    + " (give the run's own settings to finish it as it was started)");
        }
    }

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
