package dev.promptbench.app;

import dev.promptbench.cost.Pricing;
import dev.promptbench.prompt.PromptFile;
import dev.promptbench.run.RequestSettings;

/**
 * A validated sweep: the parallel mode at each concurrency step.
 *
 * @param prompts  the prompt file, already checked (cycled when shorter than a step)
 * @param session  where and how the requests are sent
 * @param settings API fields sent with every request
 * @param plan     the steps and when the sweep stops
 * @param outputs  the files the sweep writes, checked; {@link OutputFiles#results()} is the results file
 * @param pricing  what each answer costs, as in a run
 */
public record SweepSpec(PromptFile prompts, SessionSpec session, RequestSettings settings, SweepPlan plan,
                        OutputFiles outputs, Pricing pricing) {

    /** A sweep priced at the built-in list prices alone. */
    public SweepSpec(PromptFile prompts, SessionSpec session, RequestSettings settings, SweepPlan plan,
                     OutputFiles outputs) {
        this(prompts, session, settings, plan, outputs, Pricing.builtIn());
    }
}
