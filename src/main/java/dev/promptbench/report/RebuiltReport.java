package dev.promptbench.report;

import dev.promptbench.results.BatchPartInfo;
import java.time.Instant;
import java.util.List;

/**
 * A run's report as rebuilt from its results file, with what a reader should know about how.
 *
 * @param report  the report, as the run would have printed it
 * @param notices one line each: a cut last line ignored, figures recomputed from request records, ...
 * @param batch   the parts of a Batch API run, or null for any other run
 */
public record RebuiltReport(RunReport report, List<String> notices, Batch batch) {
    public RebuiltReport {
        notices = List.copyOf(notices);
    }

    /**
     * The parts of a Batch API run, each with its timeline.
     *
     * @param submittedAt when the submission started, or null when the file does not say
     */
    public record Batch(List<BatchPartInfo> parts, Instant submittedAt) {
        public Batch {
            parts = List.copyOf(parts);
        }
    }
}
