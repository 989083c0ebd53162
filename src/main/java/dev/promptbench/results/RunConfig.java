package dev.promptbench.results;

/**
 * The settings that make two runs comparable, as reported in JSON and the results header.
 * Null means "not given" (the service's default applied).
 */
public record RunConfig(String mode, int threads, Integer maxTokens, Double temperature, Double topP, Long seed,
                        boolean stream, String order, long timeoutMs, long connectTimeoutMs) {}
