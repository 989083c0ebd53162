package dev.promptbench.app;

import dev.promptbench.client.ClientSettings;
import dev.promptbench.client.Endpoint;
import dev.promptbench.control.RetryPolicy;
import dev.promptbench.prompt.PromptFile;
import dev.promptbench.run.RequestSettings;
import dev.promptbench.sim.SimulatorSettings;
import java.time.Duration;
import java.util.List;

/**
 * A validated sweep: the parallel mode at each concurrency step.
 *
 * @param steps       thread counts, ascending
 * @param requests    requests per step (the file is cycled when shorter)
 * @param repeats     how many times each step runs
 * @param outputs     the files the sweep writes, checked; {@link OutputFiles#results()} is the results file
 * @param untilSaturation stop at the knee instead of running every step ({@code --until saturation})
 * @param maxDuration run no step that is expected to end after this much time, or null for no cap
 * @param target      search for the highest thread count that meets it (between the lowest and the
 *                    highest step) instead of running the steps, or null
 */
public record SweepSpec(PromptFile prompts, List<Integer> steps, int requests, int repeats, RequestSettings settings,
                        List<Endpoint> endpoints, SimulatorSettings simulator, ClientSettings client,
                        RetryPolicy retry, OutputFiles outputs, boolean warmup, boolean untilSaturation,
                        Duration maxDuration, SweepTarget target) {

    /** A sweep that runs every step. */
    public SweepSpec(PromptFile prompts, List<Integer> steps, int requests, int repeats, RequestSettings settings,
                     List<Endpoint> endpoints, SimulatorSettings simulator, ClientSettings client, RetryPolicy retry,
                     OutputFiles outputs, boolean warmup) {
        this(prompts, steps, requests, repeats, settings, endpoints, simulator, client, retry, outputs, warmup, false,
                null, null);
    }

    /**
     * Every request the sweep will send (warm-up and canary aside), at most: a search tries at most the
     * doubling steps from the lowest to the highest and as many bisections.
     */
    public long totalRequests() {
        return (long) plannedSteps() * requests * repeats;
    }

    /** How many steps run at most. */
    public int plannedSteps() {
        if (target == null) return steps.size();
        int doublings = 1;
        for (long t = steps.get(0); t < steps.get(steps.size() - 1); t *= 2) doublings++;
        return 2 * doublings;
    }
}
