package dev.promptbench.sim;

/**
 * What the simulated model does beyond answering: think before it speaks, reuse a cached prompt prefix,
 * and serve a priority request at a lower tier.
 *
 * @param reasoningTokens hidden reasoning tokens per answer, spent at the per-token delay before the first
 *                        visible token and reported as {@code reasoning_tokens}; 0 for none
 * @param promptCache     a prompt repeating an earlier prompt's first 1,024 tokens or more reports them as
 *                        {@code cached_tokens} (in 128-token steps) and its first token comes sooner
 * @param tierDowngrade   the share (0 to 1) of requests asking for {@code service_tier: priority} that are
 *                        served, and answered, at {@code default}
 */
public record ServiceFeatures(int reasoningTokens, boolean promptCache, double tierDowngrade) {

    public ServiceFeatures {
        if (reasoningTokens < 0) {
            throw new IllegalArgumentException("reasoningTokens must be >= 0, got " + reasoningTokens);
        }
        if (!(tierDowngrade >= 0 && tierDowngrade <= 1)) {
            throw new IllegalArgumentException("tierDowngrade must be between 0 and 1, got " + tierDowngrade);
        }
    }

    /** No reasoning, the prompt cache on (as the services have it), no downgrades. */
    public static ServiceFeatures defaults() {
        return new ServiceFeatures(0, true, 0);
    }

    /** These features with {@code tokens} reasoning tokens per answer. */
    public ServiceFeatures withReasoningTokens(int tokens) {
        return new ServiceFeatures(tokens, promptCache, tierDowngrade);
    }

    /** These features with the prompt cache on or off. */
    public ServiceFeatures withPromptCache(boolean on) {
        return new ServiceFeatures(reasoningTokens, on, tierDowngrade);
    }

    /** These features with {@code share} of priority requests served at default. */
    public ServiceFeatures withTierDowngrade(double share) {
        return new ServiceFeatures(reasoningTokens, promptCache, share);
    }
}
