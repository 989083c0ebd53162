package dev.promptbench.report;

import dev.promptbench.results.EndpointInfo;
import dev.promptbench.results.RunConfig;
import dev.promptbench.results.RunKind;
import dev.promptbench.results.request.Mode;
import dev.promptbench.stats.Comparison;
import dev.promptbench.stats.ModeResults;
import dev.promptbench.stats.ModeSummary;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a reporter prints about a finished run: immutable, computed once.
 *
 * @param version     promptbench's version
 * @param simulated   true when the built-in simulator answered
 * @param endpoints   every endpoint used, the first one first
 * @param config      the settings of the run
 * @param prompts     prompts in the file
 * @param resultsFile where the per-request records went
 * @param modes       each mode's results over its repeats, in the order the modes first ran
 * @param comparison  sequential against parallel, or null when only one mode ran
 * @param overheadMs  from the process's start to the first timed request (JVM start, reading the
 *                    prompts, warm-up, canary), or null when unknown (a report rebuilt from a file)
 * @param batch       the parts of a Batch API run, or null for any other run
 */
public record RunReport(String version, boolean simulated, List<EndpointInfo> endpoints, RunConfig config,
                        int prompts, String resultsFile,
                        Map<Mode, ModeResults> modes, Comparison comparison, Double overheadMs, BatchParts batch) {

    /**
     * The report of a run's modes: each mode over its repeats, and sequential against parallel when both
     * ran. A run at its end and {@code report} later both make it here, from the same summaries.
     *
     * @param endpoints every endpoint used, the first one first
     * @param repeats   each mode's summaries by repeat, in the order the modes first ran
     */
    public static RunReport of(String version, boolean simulated, List<EndpointInfo> endpoints, RunConfig config,
                               int prompts, String resultsFile, Map<Mode, List<ModeSummary>> repeats) {
        Map<Mode, ModeResults> modes = new LinkedHashMap<>();
        repeats.forEach((mode, summaries) -> modes.put(mode, ModeResults.of(summaries)));
        Comparison comparison = modes.size() == 2
                ? Comparison.of(repeats.get(Mode.SEQUENTIAL), repeats.get(Mode.PARALLEL)) : null;
        return new RunReport(version, simulated, List.copyOf(endpoints), config, prompts, resultsFile,
                Collections.unmodifiableMap(modes), comparison, null, null);
    }

    /** A copy that knows its start-up overhead. */
    public RunReport withOverheadMs(Double overhead) {
        return new RunReport(version, simulated, endpoints, config, prompts, resultsFile, modes, comparison,
                overhead, batch);
    }

    /** A copy that holds the parts of its Batch API run. */
    public RunReport withBatch(BatchParts parts) {
        return new RunReport(version, simulated, endpoints, config, prompts, resultsFile, modes, comparison,
                overheadMs, parts);
    }

    /** The (first) endpoint, or null when none is known. */
    public EndpointInfo endpoint() {
        return endpoints.isEmpty() ? null : endpoints.get(0);
    }

    /** Workers of the parallel mode. */
    public int threads() {
        return config.threads();
    }

    /**
     * The modes a compare run set out to run that have no results at all: it was stopped before they
     * began. Empty for every other run.
     */
    public List<Mode> modesNotRun() {
        if (config == null || config.mode() != RunKind.COMPARE) return List.of();
        return java.util.stream.Stream.of(Mode.SEQUENTIAL, Mode.PARALLEL).filter(m -> !modes.containsKey(m)).toList();
    }

    /** How many times each mode ran. */
    public int repeats() {
        return modes.values().stream().mapToInt(m -> m.repeats().size()).max().orElse(0);
    }
}
