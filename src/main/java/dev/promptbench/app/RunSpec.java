package dev.promptbench.app;

import dev.promptbench.client.ClientSettings;
import dev.promptbench.client.Endpoint;
import dev.promptbench.control.RetryPolicy;
import dev.promptbench.prompt.PromptFile;
import dev.promptbench.results.PreviousRun;
import dev.promptbench.run.Plan;
import dev.promptbench.run.RequestSettings;
import dev.promptbench.sim.SimulatorSettings;
import java.time.Duration;
import java.util.List;

/**
 * A validated run: everything the command line decided, nothing raw.
 *
 * @param prompts      the prompt file, already checked
 * @param plans        the modes to run, in order
 * @param modeName     compare, sequential or parallel (as reported)
 * @param order        seq-first or par-first (as reported)
 * @param settings     API fields sent with every request
 * @param endpoints    where to send; empty means the built-in simulator
 * @param simulator    the simulator's settings, used when endpoints is empty
 * @param client       timeouts and connection pool size
 * @param outputs      the files the run writes, checked; {@link OutputFiles#results()} is the JSONL results file
 * @param warmup       warm the client's code path before timing
 * @param canary       the bound of the canary (one request sent alone before the batch), or null to send none
 * @param retry        how failed requests are retried
 * @param breaker      connection failures or timeouts in a row, across workers, that stop the run
 *                     ({@link dev.promptbench.control.Breaker#OFF} for never)
 * @param resume       what an earlier results file already holds (appended to), or null for a fresh run
 * @param repeats      how many times each mode runs (1 or more)
 * @param warmupRequests real requests sent first and left out of the statistics
 * @param rate         budgets and adaptive concurrency; {@link RateControl#none()} (or null) for neither
 */
public record RunSpec(PromptFile prompts, List<Plan> plans, String modeName, String order, RequestSettings settings,
                      List<Endpoint> endpoints, SimulatorSettings simulator, ClientSettings client, OutputFiles outputs,
                      boolean warmup, Duration canary, RetryPolicy retry, int breaker,
                      PreviousRun resume, int repeats, int warmupRequests, RateControl rate) {

    public RunSpec {
        rate = rate != null ? rate : RateControl.none();
    }

    /** A run without budgets or adaptive concurrency. */
    public RunSpec(PromptFile prompts, List<Plan> plans, String modeName, String order, RequestSettings settings,
                   List<Endpoint> endpoints, SimulatorSettings simulator, ClientSettings client, OutputFiles outputs,
                   boolean warmup, Duration canary, RetryPolicy retry, int breaker,
                   PreviousRun resume, int repeats, int warmupRequests) {
        this(prompts, plans, modeName, order, settings, endpoints, simulator, client, outputs, warmup,
                canary, retry, breaker, resume, repeats, warmupRequests, RateControl.none());
    }

    /** The canary's bound when {@code --canary-timeout} is not given: the smaller of the request timeout and 30 s. */
    public static Duration defaultCanaryBound(Duration requestTimeout) {
        return Canary.defaultBound(requestTimeout);
    }

    /** The parallel pool size (or 1 when only the sequential mode runs). */
    public int threads() {
        return plans.stream().mapToInt(Plan::workers).max().orElse(1);
    }

    /**
     * How the run keeps to rate limits. The budgets apply to every endpoint that has none of its own
     * in the profile ({@code tpm:}, {@code rpm:}), each endpoint separately, as Azure's quota is per
     * deployment.
     *
     * @param rpm      requests per minute ({@code --rpm}), or null: derived from {@code tpm} when that is set
     * @param tpm      tokens per minute ({@code --tpm}), or null
     * @param adaptive adapt the requests in flight to the service's signals ({@code --adaptive})
     */
    public record RateControl(Integer rpm, Integer tpm, boolean adaptive) {

        public RateControl {
            if (rpm != null && rpm < 1) throw new IllegalArgumentException("rpm must be at least 1, got " + rpm);
            if (tpm != null && tpm < 1) throw new IllegalArgumentException("tpm must be at least 1, got " + tpm);
        }

        /** No budgets, fixed concurrency. */
        public static RateControl none() {
            return new RateControl(null, null, false);
        }

        /** True when {@code --rpm} or {@code --tpm} was given. */
        public boolean budgeted() {
            return rpm != null || tpm != null;
        }
    }
}
