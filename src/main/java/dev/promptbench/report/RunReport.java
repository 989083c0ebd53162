package dev.promptbench.report;

import dev.promptbench.run.Mode;
import dev.promptbench.stats.Comparison;
import dev.promptbench.stats.ModeResults;
import java.util.List;
import java.util.Map;

/**
 * Everything a reporter prints about a finished run: immutable, computed once.
 *
 * @param version     promptbench's version
 * @param simulated   true when the built-in simulator answered
 * @param endpoint    the (first) endpoint
 * @param endpoints   every endpoint used
 * @param config      the settings of the run
 * @param prompts     prompts in the file
 * @param threads     workers of the parallel mode
 * @param resultsFile where the per-request records went
 * @param modes       each mode's results over its repeats, in the order the modes first ran
 * @param comparison  sequential against parallel, or null when only one mode ran
 */
public record RunReport(String version, boolean simulated, EndpointInfo endpoint, List<EndpointInfo> endpoints,
                        RunConfig config, int prompts, int threads, String resultsFile,
                        Map<Mode, ModeResults> modes, Comparison comparison) {

    /** How many times each mode ran. */
    public int repeats() {
        return modes.values().stream().mapToInt(m -> m.repeats().size()).max().orElse(0);
    }
}
