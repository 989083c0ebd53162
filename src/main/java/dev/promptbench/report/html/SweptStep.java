package dev.promptbench.report.html;

import dev.promptbench.stats.ModeSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a sweep as read from its results file: the {@code sweep_step} marker's concurrency and
 * the summaries that followed it, one per repeat.
 */
final class SweptStep {
    private final int threads;
    private final List<ModeSummary> summaries = new ArrayList<>();

    SweptStep(int threads) {
        this.threads = threads;
    }

    /** A summary of this step; a later one for the same repeat replaces the earlier (a resumed step). */
    void add(ModeSummary summary) {
        summaries.removeIf(old -> old.repeat() == summary.repeat());
        summaries.add(summary);
    }

    int threads() {
        return threads;
    }

    List<ModeSummary> summaries() {
        return summaries;
    }
}
