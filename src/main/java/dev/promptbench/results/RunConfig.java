package dev.promptbench.results;

import dev.promptbench.results.request.ServiceTier;

/**
 * The settings that make two runs comparable, as reported in JSON and the results header.
 * Null means "not given" (the service's default applied).
 *
 * @param mode        what kind of run, or null when a file names a kind this version does not know
 * @param order       the order of the passes ({@code --order}'s seq-first, par-first, alternate; a sweep's
 *                    ascending), or null when there is none (a batch)
 * @param sampling    what each request's body asked of the model
 * @param timeouts    the request and connect timeouts
 * @param serviceTier the service tier asked for, or null when none was
 * @param prices      where the run's prices came from and their date, or null when not recorded
 */
public record RunConfig(RunKind mode, int threads, Sampling sampling, boolean stream, String order,
                        Timeouts timeouts, ServiceTier serviceTier, String prices) {

    /** True for a Batch API run: the provider runs its requests, so it has no workers or timeouts of ours. */
    public boolean batch() {
        return mode == RunKind.BATCH;
    }

    /**
     * The request body's settings, each null when not given.
     *
     * @param maxTokens the token limit of an answer
     */
    public record Sampling(Integer maxTokens, Double temperature, Double topP, Long seed) {
        /** Nothing given: the service's defaults. */
        public static final Sampling NONE = new Sampling(null, null, null, null);
    }

    /**
     * How long a request and a connection may take, in milliseconds; 0 when none applies (a batch).
     *
     * @param requestMs {@code --timeout}
     * @param connectMs {@code --connect-timeout}
     */
    public record Timeouts(long requestMs, long connectMs) {
        /** No timeouts: the Batch API runs the requests. */
        public static final Timeouts NONE = new Timeouts(0, 0);
    }
}
