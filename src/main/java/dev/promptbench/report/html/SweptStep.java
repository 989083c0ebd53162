package dev.promptbench.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a sweep as read from its results file: the {@code sweep_step} marker's concurrency and
 * the summary records that followed it, one per repeat.
 */
final class SweptStep {
    private final int threads;
    private final List<JsonNode> summaries = new ArrayList<>();

    SweptStep(int threads) {
        this.threads = threads;
    }

    /** A summary of this step; a later one for the same repeat replaces the earlier (a resumed step). */
    void add(JsonNode summary) {
        int repeat = summary.path("repeat").asInt(0);
        summaries.removeIf(old -> old.path("repeat").asInt(0) == repeat);
        summaries.add(summary);
    }

    int threads() {
        return threads;
    }

    List<JsonNode> summaries() {
        return summaries;
    }
}
