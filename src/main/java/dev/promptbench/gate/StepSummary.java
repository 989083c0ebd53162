package dev.promptbench.gate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run's section of a GitHub Actions job summary: appended, never overwritten, to the file the
 * {@code GITHUB_STEP_SUMMARY} variable names, since other steps of the job write to the same file.
 */
public final class StepSummary {
    /** The variable GitHub Actions sets to the job summary's file. */
    public static final String VARIABLE = "GITHUB_STEP_SUMMARY";

    private final Map<String, String> env;

    public StepSummary(Map<String, String> env) {
        this.env = env;
    }

    /** The summary file, or empty when not running under GitHub Actions. */
    public Optional<Path> file() {
        String value = env.get(VARIABLE);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.strip()));
    }

    /**
     * Appends the section when {@code GITHUB_STEP_SUMMARY} is set.
     *
     * @param title       the section's heading, or null when {@code runMarkdown} brings its own
     * @param verdicts    the thresholds' verdicts (may be empty)
     * @param runMarkdown the run's results as markdown, included as given
     * @return the file appended to, or empty when the variable is not set
     */
    public Optional<Path> append(String title, List<Verdict> verdicts, String runMarkdown) throws IOException {
        Optional<Path> file = file();
        if (file.isEmpty()) return file;
        Path path = file.get();
        // Markdown needs a blank line between blocks; the previous step may not even have ended its last line.
        String separator = "";
        if (Files.exists(path) && Files.size(path) > 0) {
            separator = Files.readString(path, StandardCharsets.UTF_8).endsWith("\n") ? "\n" : "\n\n";
        }
        Files.writeString(path, separator + markdown(title, verdicts, runMarkdown), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return file;
    }

    /**
     * The section as markdown: heading, the run's results, the gate's outcome, one row per threshold.
     *
     * @param title the heading, or null when {@code runMarkdown} brings its own
     */
    public static String markdown(String title, List<Verdict> verdicts, String runMarkdown) {
        StringBuilder md = new StringBuilder();
        if (title != null && !title.isBlank()) md.append("### ").append(text(title)).append("\n\n");
        if (runMarkdown != null && !runMarkdown.isBlank()) md.append(runMarkdown.strip()).append("\n\n");
        if (!verdicts.isEmpty()) {
            long failed = verdicts.stream().filter(v -> !v.passed()).count();
            md.append(failed == 0
                    ? "**✅ " + (verdicts.size() == 1 ? "the threshold" : "all " + verdicts.size() + " thresholds")
                            + " passed**"
                    : "**❌ " + failed + " of " + verdicts.size() + " thresholds failed**").append("\n\n");
            md.append("| | Threshold | Result |\n|:-:|---|---|\n");
            for (Verdict v : verdicts) {
                md.append("| ").append(v.passed() ? "✅" : "❌").append(" | ").append(code(v.threshold()))
                        .append(" | ").append(text(v.message())).append(" |\n");
            }
        }
        return md.toString().stripTrailing() + "\n";
    }

    /** Plain text in a table cell: markdown punctuation that would change the rendering is escaped. */
    static String text(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : oneLine(value).toCharArray()) {
            if ("\\`*_[]<>|&~#".indexOf(c) >= 0) out.append('\\');
            out.append(c);
        }
        return out.toString();
    }

    /** A code span; a pipe still ends a table cell inside one unless escaped. */
    private static String code(String value) {
        String line = oneLine(value);
        if (line.contains("`")) return text(line);
        return "`" + line.replace("|", "\\|") + "`";
    }

    private static String oneLine(String value) {
        return value == null ? "" : value.replaceAll("\\s+", " ").strip();
    }
}
