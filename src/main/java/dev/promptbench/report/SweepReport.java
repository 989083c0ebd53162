package dev.promptbench.report;

import dev.promptbench.results.EndpointInfo;
import dev.promptbench.stats.Knee;
import dev.promptbench.stats.SweepStep;
import java.util.List;

/**
 * A finished sweep: throughput and latency at each concurrency step, and the knee.
 *
 * @param requests       requests per step and repeat
 * @param steps          the steps that ran, ascending by threads
 * @param stop           why the sweep stopped before its planned steps, and which did not run
 * @param recommendation with {@code --target}: the thread count that meets it, with the evidence; null without
 */
public record SweepReport(String version, boolean simulated, EndpointInfo endpoint, int prompts, int requests,
                          List<SweepStep> steps, Knee knee, String resultsFile, Stop stop,
                          Recommendation recommendation) {

    public SweepReport {
        stop = stop == null ? Stop.NONE : stop;
    }

    /**
     * Why a sweep stopped early.
     *
     * @param reason why, or null when it ran every planned step
     * @param notRun the planned steps that did not run, ascending
     */
    public record Stop(String reason, List<Integer> notRun) {
        /** The sweep ran every planned step. */
        public static final Stop NONE = new Stop(null, List.of());

        public Stop {
            notRun = notRun == null ? List.of() : List.copyOf(notRun);
        }
    }

    /**
     * What {@code --target} found.
     *
     * @param threads  the thread count that meets the target, or null when none does
     * @param evidence "recommended --threads N: …" with the evidence
     */
    public record Recommendation(Integer threads, String evidence) {}
}
