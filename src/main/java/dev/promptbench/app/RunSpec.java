package dev.promptbench.app;

import dev.promptbench.cost.Pricing;
import dev.promptbench.prompt.PromptFile;
import dev.promptbench.results.PreviousRun;
import dev.promptbench.run.RequestSettings;

/**
 * A validated run: everything the command line decided, nothing raw.
 *
 * @param prompts  the prompt file, already checked
 * @param session  where and how the requests are sent
 * @param settings API fields sent with every request
 * @param schedule the modes, their order and repeats
 * @param outputs  the files the run writes, checked; {@link OutputFiles#results()} is the JSONL results file
 * @param resume   what an earlier results file already holds (appended to), or null for a fresh run
 * @param pricing  what each answer costs
 */
public record RunSpec(PromptFile prompts, SessionSpec session, RequestSettings settings, Schedule schedule,
                      OutputFiles outputs, PreviousRun resume, Pricing pricing) {

    /** A run at the built-in list prices. */
    public RunSpec(PromptFile prompts, SessionSpec session, RequestSettings settings, Schedule schedule,
                   OutputFiles outputs, PreviousRun resume) {
        this(prompts, session, settings, schedule, outputs, resume, Pricing.builtIn());
    }

    /** The parallel pool size (or 1 when only the sequential mode runs). */
    public int threads() {
        return schedule.threads();
    }
}
