package dev.promptbench.batch;

import dev.promptbench.results.RunConfig;
import dev.promptbench.run.RequestSettings;

/**
 * The request settings a submission's lines were sent with, kept in its state file so its results say
 * them as a run's header does (and a comparison with an online run can tell whether it is fair).
 *
 * @param serviceTier the tier asked for (its wire name), or null when none was
 */
public record BatchSettings(Integer maxTokens, Double temperature, Double topP, Long seed, String serviceTier) {

    /** The body settings a results header records. */
    public RunConfig.Sampling sampling() {
        return new RunConfig.Sampling(maxTokens, temperature, topP, seed);
    }

    /** The settings of {@code run}'s flags that reach a batch line's body. */
    public static BatchSettings of(RequestSettings settings) {
        return new BatchSettings(settings.maxTokens(), settings.temperature(), settings.topP(), settings.seed(),
                settings.serviceTier() == null ? null : settings.serviceTier().wireName());
    }
}
