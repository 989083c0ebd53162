package dev.promptbench.results;

/**
 * The settings that make two runs comparable, as reported in JSON and the results header.
 * Null means "not given" (the service's default applied).
 *
 * @param serviceTier the service tier asked for, or null when none was
 * @param prices      where the run's prices came from and their date, or null when not recorded
 */
public record RunConfig(String mode, int threads, Integer maxTokens, Double temperature, Double topP, Long seed,
                        boolean stream, String order, long timeoutMs, long connectTimeoutMs, String serviceTier,
                        String prices) {

    /** Settings without a service tier or prices. */
    public RunConfig(String mode, int threads, Integer maxTokens, Double temperature, Double topP, Long seed,
                     boolean stream, String order, long timeoutMs, long connectTimeoutMs) {
        this(mode, threads, maxTokens, temperature, topP, seed, stream, order, timeoutMs, connectTimeoutMs, null,
                null);
    }
}
