package dev.promptbench.run;

import com.fasterxml.jackson.databind.node.ObjectNode;

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
 *                    below the flags above and the prompt's own fields; null for none
 */
public record RequestSettings(Double temperature, Double topP, Long seed, Integer maxTokens, boolean stream,
                              boolean cacheBust, ObjectNode extraBody) {

    public RequestSettings {
        // A private copy: the template shares its values with every request, so nobody may change them later.
        extraBody = extraBody == null || extraBody.isEmpty() ? null : extraBody.deepCopy();
    }

    /** No extra body fields. */
    public RequestSettings(Double temperature, Double topP, Long seed, Integer maxTokens, boolean stream,
                           boolean cacheBust) {
        this(temperature, topP, seed, maxTokens, stream, cacheBust, null);
    }

    /** Nothing given: the service's defaults apply, answers are not streamed. */
    public static RequestSettings none() { return new RequestSettings(null, null, null, null, false, false); }
}
