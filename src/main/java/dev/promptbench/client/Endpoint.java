package dev.promptbench.client;

import java.net.URI;
import java.util.Objects;

/**
 * Where and how to send chat-completions requests: the full URL, the body conventions and the
 * credential. Passed per call, so one client can serve several endpoints.
 *
 * @param name           short name used in results ("default", or a profile's endpoint name)
 * @param style          URL and body conventions
 * @param chatUrl        the complete request URL, query (api-version) included
 * @param deployment     Azure deployment name, or null for OpenAI-style endpoints
 * @param model          model sent in the body ({@code model}), or null when the route does not need it
 * @param maxTokensField body field that carries the completion limit
 *                       ({@code max_completion_tokens} or {@code max_tokens})
 * @param credential     what authenticates the request (never printed)
 * @param simulated      true when this is promptbench's own simulator
 */
public record Endpoint(String name, ApiStyle style, URI chatUrl, String deployment, String model,
                       String maxTokensField, Credential credential, boolean simulated) {

    public Endpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(chatUrl, "chatUrl");
        Objects.requireNonNull(maxTokensField, "maxTokensField");
        Objects.requireNonNull(credential, "credential");
    }

    /** {@code azure}, {@code openai} or {@code simulator}: the "kind" in JSON output. */
    public String kind() { return simulated ? "simulator" : style.provider(); }

    /** Scheme, host and port, without path or query: safe to print. */
    public String origin() {
        String port = chatUrl.getPort() < 0 ? "" : ":" + chatUrl.getPort();
        return chatUrl.getScheme() + "://" + chatUrl.getHost() + port;
    }

    /** The URL without its query string (which could hold a key on some gateways). */
    public String displayUrl() {
        return origin() + (chatUrl.getRawPath() == null ? "" : chatUrl.getRawPath());
    }

    /** Whether the body must carry {@code model}. */
    public boolean modelInBody() { return style != ApiStyle.AZURE_DEPLOYMENT; }

    /** Deployment for Azure classic, otherwise the model: what the first output line names. */
    public String target() { return deployment != null ? deployment : model; }
}
