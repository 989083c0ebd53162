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
 * @param notRun         the planned steps that did not run (the sweep stopped early), ascending
 * @param stopped        why the sweep stopped before its planned steps, or null
 * @param recommended    with {@code --target}: the thread count that meets it, null when none does or without
 * @param recommendation with {@code --target}: "recommended --threads N: …" with the evidence, else null
 */
public record SweepReport(String version, boolean simulated, EndpointInfo endpoint, int prompts, int requests,
                          List<SweepStep> steps, Knee knee, String resultsFile, List<Integer> notRun, String stopped,
                          Integer recommended, String recommendation) {

    public SweepReport {
        notRun = notRun == null ? List.of() : List.copyOf(notRun);
    }

    /** A sweep that ran every planned step. */
    public SweepReport(String version, boolean simulated, EndpointInfo endpoint, int prompts, int requests,
                       List<SweepStep> steps, Knee knee, String resultsFile) {
        this(version, simulated, endpoint, prompts, requests, steps, knee, resultsFile, List.of(), null, null, null);
    }
}
