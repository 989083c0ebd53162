package dev.promptbench.report;

import dev.promptbench.results.EndpointInfo;
import dev.promptbench.stats.Knee;
import dev.promptbench.stats.SweepStep;
import java.util.List;

/**
 * A finished sweep: throughput and latency at each concurrency step, and the knee.
 *
 * @param requests requests per step and repeat
 */
public record SweepReport(String version, boolean simulated, EndpointInfo endpoint, int prompts, int requests,
                          List<SweepStep> steps, Knee knee, String resultsFile) {}
