package dev.promptbench.client;

import dev.promptbench.results.EndpointInfo;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to send chat-completions requests: the full URL, the body conventions and the
 * credential. Passed per call, so one client can serve several endpoints.
 *
 * @param name           short name used in results ("default", or a profile's endpoint name)
 * @param style          URL and body conventions
 * @param chatUrl        the complete chat-completions URL, query (api-version) included (the Responses API's
 *                       URL is made from it: {@link #requestUrl()})
 * @param deployment     Azure deployment name, or null for OpenAI-style endpoints
 * @param model          model sent in the body ({@code model}), or null when the route does not need it
 * @param maxTokensField body field that carries the completion limit
 *                       ({@code max_completion_tokens} or {@code max_tokens})
 * @param credential     what authenticates the request (never printed)
 * @param simulated      true when this is promptbench's own simulator
 * @param weight         relative share of requests when several endpoints serve a run (1 by default)
 * @param tpm            this endpoint's tokens-per-minute budget, or null for none of its own
 * @param rpm            this endpoint's requests-per-minute budget, or null for none of its own
 * @param headers        extra headers sent with every request ({@code --header}, e.g. an API gateway's
 *                       subscription key); the values may be secrets: never printed
 * @param api            chat completions (the default) or the Responses API: which URL and body shape
 */
public record Endpoint(String name, ApiStyle style, URI chatUrl, String deployment, String model,
                       String maxTokensField, Credential credential, boolean simulated,
                       double weight, Integer tpm, Integer rpm, Map<String, String> headers, Api api) {

    private static final String DEPLOYMENTS = "/openai/deployments/";
    private static final String CHAT = "/chat/completions";

    public Endpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(chatUrl, "chatUrl");
        Objects.requireNonNull(maxTokensField, "maxTokensField");
        Objects.requireNonNull(credential, "credential");
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be a number above 0, got " + weight);
        }
        if (tpm != null && tpm < 1) {
            throw new IllegalArgumentException("tpm must be at least 1, got " + tpm);
        }
        if (rpm != null && rpm < 1) {
            throw new IllegalArgumentException("rpm must be at least 1, got " + rpm);
        }
        headers = headers == null || headers.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        api = api == null ? Api.CHAT : api;
    }

    /** A chat-completions endpoint. */
    public Endpoint(String name, ApiStyle style, URI chatUrl, String deployment, String model,
                    String maxTokensField, Credential credential, boolean simulated,
                    double weight, Integer tpm, Integer rpm, Map<String, String> headers) {
        this(name, style, chatUrl, deployment, model, maxTokensField, credential, simulated, weight, tpm, rpm,
                headers, Api.CHAT);
    }

    /** An endpoint without extra headers. */
    public Endpoint(String name, ApiStyle style, URI chatUrl, String deployment, String model,
                    String maxTokensField, Credential credential, boolean simulated,
                    double weight, Integer tpm, Integer rpm) {
        this(name, style, chatUrl, deployment, model, maxTokensField, credential, simulated, weight, tpm, rpm,
                Map.of());
    }

    /** An endpoint of weight 1 without budgets of its own. */
    public Endpoint(String name, ApiStyle style, URI chatUrl, String deployment, String model,
                    String maxTokensField, Credential credential, boolean simulated) {
        this(name, style, chatUrl, deployment, model, maxTokensField, credential, simulated, 1, null, null);
    }

    /** The same endpoint with another weight and budgets ({@code tpm}, {@code rpm} null for none). */
    public Endpoint withRates(double weight, Integer tpm, Integer rpm) {
        return new Endpoint(name, style, chatUrl, deployment, model, maxTokensField, credential, simulated,
                weight, tpm, rpm, headers, api);
    }

    /** The same endpoint sending {@code extra} headers with every request (they replace any set before). */
    public Endpoint withHeaders(Map<String, String> extra) {
        return new Endpoint(name, style, chatUrl, deployment, model, maxTokensField, credential, simulated,
                weight, tpm, rpm, extra, api);
    }

    /** The same endpoint spoken to through {@code api} (chat completions or the Responses API). */
    public Endpoint withApi(Api api) {
        return new Endpoint(name, style, chatUrl, deployment, model, maxTokensField, credential, simulated,
                weight, tpm, rpm, headers, api);
    }

    /** {@code azure}, {@code openai} or {@code simulator}: the "kind" in JSON output. */
    public String kind() { return simulated ? "simulator" : style.provider(); }

    /** Scheme, host and port, without path or query: safe to print. */
    public String origin() {
        String port = chatUrl.getPort() < 0 ? "" : ":" + chatUrl.getPort();
        return chatUrl.getScheme() + "://" + chatUrl.getHost() + port;
    }

    /** What a report says about this endpoint (never its credential), over {@code protocol} (null when unknown). */
    public EndpointInfo info(String protocol) {
        return new EndpointInfo(name, kind(), displayUrl(), deployment(), model(), protocol);
    }

    /** The URL without its query string (which could hold a key on some gateways). */
    public String displayUrl() {
        URI url = requestUrl();
        return origin() + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /**
     * Where {@code api}'s requests go. The Responses API lives beside chat completions:
     * {@code {base}/responses} for OpenAI-style bases and Azure's v1 route; Azure's deployment route has no
     * responses path of its own, so its requests go to {@code {resource}/openai/v1/responses} (the deployment
     * then travels as {@code model}). A URL given in full keeps its query; the deployment route's
     * {@code api-version} is not sent to v1.
     */
    public URI requestUrl() {
        if (api != Api.RESPONSES) return chatUrl;
        String path = chatUrl.getRawPath() == null ? "" : chatUrl.getRawPath();
        int deployments = path.indexOf(DEPLOYMENTS);
        if (style == ApiStyle.AZURE_DEPLOYMENT && deployments >= 0) {
            return URI.create(origin() + path.substring(0, deployments) + "/openai/v1/responses");
        }
        String base = path.endsWith(CHAT) ? path.substring(0, path.length() - CHAT.length()) : path;
        String query = chatUrl.getRawQuery() == null ? "" : "?" + chatUrl.getRawQuery();
        return URI.create(origin() + base + "/responses" + query);
    }

    /** The model named in the body of this endpoint's requests, or null when the route does not need one. */
    public String bodyModel() {
        boolean v1 = style == ApiStyle.AZURE_V1 || (api == Api.RESPONSES && style == ApiStyle.AZURE_DEPLOYMENT);
        if (!v1) return modelInBody() ? model : null;
        // Azure's v1 route names the deployment in "model"; fall back to it when no model was configured.
        return model != null ? model : deployment;
    }

    /** Whether the body must carry {@code model}. */
    public boolean modelInBody() { return style != ApiStyle.AZURE_DEPLOYMENT; }

    /** Deployment for Azure classic, otherwise the model: what the first output line names. */
    public String target() { return deployment != null ? deployment : model; }

    /** Header names only, URL without its query: the record's own toString would print the values. */
    @Override
    public String toString() {
        return "Endpoint[" + name + ", " + kind() + (api == Api.CHAT ? "" : ", " + api.wireName()) + ", " + displayUrl() + ", target=" + target() + ", credential="
                + credential + (headers.isEmpty() ? "" : ", headers=" + headers.keySet() + " (values ***)") + "]";
    }
}
