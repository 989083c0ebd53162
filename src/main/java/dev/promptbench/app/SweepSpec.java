package dev.promptbench.app;

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
 */
public record SweepSpec(PromptFile prompts, SessionSpec session, RequestSettings settings, SweepPlan plan,
                        OutputFiles outputs) {}
