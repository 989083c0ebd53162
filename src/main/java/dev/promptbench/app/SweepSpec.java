package dev.promptbench.app;

import dev.promptbench.client.ClientSettings;
import dev.promptbench.client.Endpoint;
import dev.promptbench.control.RetryPolicy;
import dev.promptbench.prompt.PromptFile;
import dev.promptbench.run.RequestSettings;
import dev.promptbench.sim.SimulatorSettings;
import java.util.List;

/**
 * A validated sweep: the parallel mode at each concurrency step.
 *
 * @param steps       thread counts, ascending
 * @param requests    requests per step (the file is cycled when shorter)
 * @param repeats     how many times each step runs
 * @param outputs     the files the sweep writes, checked; {@link OutputFiles#results()} is the results file
 */
public record SweepSpec(PromptFile prompts, List<Integer> steps, int requests, int repeats, RequestSettings settings,
                        List<Endpoint> endpoints, SimulatorSettings simulator, ClientSettings client,
                        RetryPolicy retry, OutputFiles outputs, boolean warmup) {

    /** Every request the sweep will send (warm-up and canary aside). */
    public long totalRequests() {
        return (long) steps.size() * requests * repeats;
    }
}
