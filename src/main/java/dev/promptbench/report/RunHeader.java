package dev.promptbench.report;

import java.time.Instant;
import java.util.List;

/**
 * The first record of a results file: what was run, against what, with which settings.
 *
 * @param promptSha256 SHA-256 of the prompt file's bytes, or null for standard input
 * @param canary       what the canary found, or null when none was sent
 */
public record RunHeader(String version, Instant startedAt, String promptFile, String promptSha256, int prompts,
                        boolean simulated, List<EndpointInfo> endpoints, RunConfig config, CanaryReport canary) {}
