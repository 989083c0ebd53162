package dev.promptbench.run;

/**
 * The API fields given on the command line for every request; null means "not given, not sent".
 *
 * @param temperature sampling temperature
 * @param topP        nucleus sampling
 * @param seed        the API's best-effort determinism seed
 * @param maxTokens   completion limit (sent in the endpoint's max-tokens field)
 * @param stream      ask for streamed answers (time to first token, per-token timing)
 */
public record RequestSettings(Double temperature, Double topP, Long seed, Integer maxTokens, boolean stream) {

    /** Nothing given: the service's defaults apply, answers are not streamed. */
    public static RequestSettings none() { return new RequestSettings(null, null, null, null, false); }
}
