package dev.promptbench.report;

import dev.promptbench.results.RunHeader;
import java.util.List;

/**
 * A run's report as rebuilt from its results file, with what a reader should know about how.
 *
 * @param report  the report, as the run would have printed it (a Batch API run's with its parts)
 * @param notices one line each: a cut last line ignored, figures recomputed from request records, ...
 * @param header  the file's run header (what ran, with which prompts and settings)
 */
public record RebuiltReport(RunReport report, List<String> notices, RunHeader header) {
    public RebuiltReport {
        notices = List.copyOf(notices);
    }
}
