package dev.promptbench.client;

import java.util.Objects;

/** A fixed key sent in one header: Azure's {@code api-key} or OpenAI's {@code Authorization: Bearer}. */
public final class ApiKeyCredential implements Credential {
    private final String headerName;
    private final String prefix;
    private final String secret;
    private final String source;

    private ApiKeyCredential(String headerName, String prefix, String secret, String source) {
        this.headerName = headerName;
        this.prefix = prefix;
        this.secret = Objects.requireNonNull(secret, "secret");
        this.source = source;
    }

    /** Azure key auth: {@code api-key: <key>}. {@code source} names where the key came from. */
    public static ApiKeyCredential azureKey(String key, String source) {
        return new ApiKeyCredential("api-key", "", key, source);
    }

    /** OpenAI-style auth: {@code Authorization: Bearer <key>}. */
    public static ApiKeyCredential bearer(String key, String source) {
        return new ApiKeyCredential("Authorization", "Bearer ", key, source);
    }

    @Override public String headerName() { return headerName; }

    @Override public String headerValue() { return prefix + secret; }

    @Override public String describe() { return headerName + " from " + source; }

    /** Redacted: the key never reaches a log line through string concatenation. */
    @Override public String toString() { return headerName + ": *** (" + source + ")"; }
}
