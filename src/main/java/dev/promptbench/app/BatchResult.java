package dev.promptbench.app;

import dev.promptbench.report.RunReport;

/**
 * How a run ended.
 *
 * @param report       the finished report, or null when the run stopped before any mode ran
 * @param fatalMessage why the endpoint refused us for good (exit 4), or null
 */
public record BatchResult(RunReport report, String fatalMessage) {

    /** True when some request in some mode ended in error. */
    public boolean anyErrors() {
        return report != null && report.modes().values().stream().anyMatch(m -> m.errors() > 0);
    }
}
