package dev.promptbench.app;

import dev.promptbench.client.ClientSettings;
import dev.promptbench.client.Endpoint;
import dev.promptbench.control.RetryPolicy;
import dev.promptbench.prompt.PromptFile;
import dev.promptbench.results.request.Mode;
import dev.promptbench.run.Plan;
import dev.promptbench.run.RequestSettings;
import dev.promptbench.sim.SimulatorSettings;
import java.nio.file.Path;
import java.util.List;

/** Run specs for tests: no warm-up, no canary, default retries, a breaker of 10, results to a new file. */
final class TestRuns {
    private TestRuns() {}

    static SessionSpec session(List<Endpoint> endpoints, SimulatorSettings simulator, int threads, RateControl rate) {
        return new SessionSpec(endpoints, simulator, ClientSettings.defaults(threads), RetryPolicy.defaults(), rate,
                false, null, 10);
    }

    static OutputFiles results(Path file) {
        return OutputFiles.check(OutputFile.of("--out", file, false), List.of(), List.of());
    }

    /** The given plans once each (a parallel run when it is one parallel plan). */
    static RunSpec run(PromptFile prompts, List<Plan> plans, RequestSettings settings, List<Endpoint> endpoints,
                       SimulatorSettings simulator, Path results, RateControl rate) {
        RunMode mode = plans.size() == 2 ? RunMode.COMPARE
                : plans.get(0).mode() == Mode.SEQUENTIAL ? RunMode.SEQUENTIAL : RunMode.PARALLEL;
        Schedule schedule = new Schedule(mode, plans, PassOrder.SEQ_FIRST, 1, 0);
        int threads = plans.stream().mapToInt(Plan::workers).max().orElse(1);
        return new RunSpec(prompts, session(endpoints, simulator, threads, rate), settings, schedule,
                results(results), null);
    }
}
