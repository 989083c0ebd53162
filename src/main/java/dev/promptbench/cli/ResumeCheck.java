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
     * Refuses a command line that would mix two runs: every setting the file recorded must be the same now (the
     * flags left out were taken from the file, so only a flag given can differ). Nothing has been written yet,
     * so the file stays as it was.
     */
    static void sameSettings(Path results, PreviousRun previous, RunSpec spec) {
        List<String> differences = RunSettings.disagreements(previous.settings(), RunSettings.of(spec));
        if (!differences.isEmpty()) {
            // A flag left out is taken from the file; the endpoint is not (its key is not in the file).
            boolean flag = differences.stream().anyMatch(d -> d.startsWith("--"));
            boolean endpoint = differences.stream().anyMatch(d -> !d.startsWith("--"));
            String hint = flag && endpoint ? "leave the flag out and give the run's endpoint again"
                    : flag ? "leave the flag out" : "give the run's endpoint again, by flags, --profile or environment,";
            throw new UsageException("--resume " + results + " would mix two runs: " + String.join("; ", differences)
                    + " (" + hint + " to finish the run as it was started)");
        }
    }

    /** Reads the results file to resume; one line and exit 2 when it is not one. */
    static PreviousRun read(Path results) throws IOException {
        try {
            PreviousRun previous = PreviousRun.read(results);
            return new PreviousRun(previous.promptSha256(), previous.done(), previous.validBytes(),
                    RunSettings.upgraded(previous.settings()));
        } catch (PreviousRun.InvalidResultsException e) {
            throw new UsageException("--resume " + e.getMessage());
        }
    }

    /** Refuses a prompt file other than the run's own: the indices in the file would name other prompts. */
    static void samePrompts(Path results, PreviousRun previous, PromptFile prompts) {
        if (prompts.sha256() == null) {
            throw new UsageException("--resume needs the prompt file itself, not standard input");
        }
        if (!prompts.sha256().equals(previous.promptSha256())) {
            throw new UsageException("--resume " + results + ": the prompt file " + prompts.displayName()
                    + " changed since that run (SHA-256 differs); start a new run instead");
        }
    }
}
