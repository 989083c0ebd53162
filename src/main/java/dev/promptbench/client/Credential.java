package dev.promptbench.client;

/**
 * What authenticates a request: one header. Implementations may refresh their value over time
 * (Entra ID tokens), so callers ask for the value on every request and never keep it.
 */
public interface Credential {
    /** The header that carries the secret, e.g. {@code api-key} or {@code Authorization}. */
    String headerName();

    /** The header value, secret included. Never print, log or store it. */
    String headerValue();

    /** Where the secret came from, safe to print (e.g. "api-key from $AZURE_OPENAI_API_KEY"). */
    String describe();
}
