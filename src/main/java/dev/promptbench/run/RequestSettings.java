package dev.promptbench.run;

import dev.promptbench.prompt.JsonValue;
import dev.promptbench.results.RunConfig;
import dev.promptbench.results.request.ServiceTier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API fields given on the command line for every request; null means "not given, not sent".
 *
 * @param temperature sampling temperature
 * @param topP        nucleus sampling
 * @param seed        the API's best-effort determinism seed
 * @param maxTokens   completion limit (sent in the endpoint's max-tokens field)
 * @param stream      ask for streamed answers (time to first token, per-token timing)
 * @param cacheBust   start each prompt with a unique nonce, so the service's prompt cache cannot favour
 *                    the mode that runs second
 * @param extraBody   fields merged into every request body ({@code --extra-body}, {@code --reasoning-effort}),
 *                    below the flags above and the prompt's own fields, in order; empty for none
 * @param serviceTier the service tier asked for ({@code service_tier}), or null to send none
 */
public record RequestSettings(Double temperature, Double topP, Long seed, Integer maxTokens, boolean stream,
                              boolean cacheBust, Map<String, JsonValue> extraBody, ServiceTier serviceTier) {

    public RequestSettings {
        extraBody = extraBody == null || extraBody.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(extraBody));
    }

    /** No service tier asked for. */
    public RequestSettings(Double temperature, Double topP, Long seed, Integer maxTokens, boolean stream,
                           boolean cacheBust, Map<String, JsonValue> extraBody) {
        this(temperature, topP, seed, maxTokens, stream, cacheBust, extraBody, null);
    }

    /** The same settings asking for {@code tier}. */
    public RequestSettings withServiceTier(ServiceTier tier) {
        return new RequestSettings(temperature, topP, seed, maxTokens, stream, cacheBust, extraBody, tier);
    }

    /** No extra body fields. */
    public RequestSettings(Double temperature, Double topP, Long seed, Integer maxTokens, boolean stream,
                           boolean cacheBust) {
        this(temperature, topP, seed, maxTokens, stream, cacheBust, Map.of());
    }

    /** The body settings a results header records. */
    public RunConfig.Sampling sampling() {
        return new RunConfig.Sampling(maxTokens, temperature, topP, seed);
    }

    /** Nothing given: the service's defaults apply, answers are not streamed. */
    public static RequestSettings none() { return new RequestSettings(null, null, null, null, false, false); }
}
