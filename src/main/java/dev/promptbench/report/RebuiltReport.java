package dev.promptbench.report;

import java.util.List;

/**
 * A run's report as rebuilt from its results file, with what a reader should know about how.
 *
 * @param report  the report, as the run would have printed it (a Batch API run's with its parts)
 * @param notices one line each: a cut last line ignored, figures recomputed from request records, ...
 */
public record RebuiltReport(RunReport report, List<String> notices) {
    public RebuiltReport {
        notices = List.copyOf(notices);
    }
}
