package dev.promptbench.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The URL rules: checking a user's endpoint URL, telling Azure from OpenAI, building chat URLs. */
public final class EndpointUrls {
    /** The api-version used on the Azure deployment route when none is configured (latest GA). */
    public static final String DEFAULT_API_VERSION = "2024-10-21";
    /** The base used when only {@code OPENAI_API_KEY} says where to go. */
    public static final URI OPENAI_BASE = URI.create("https://api.openai.com/v1");
    public static final String MAX_COMPLETION_TOKENS = "max_completion_tokens";
    public static final String MAX_TOKENS = "max_tokens";

    private static final List<String> AZURE_HOST_SUFFIXES =
            List.of(".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com");
    private static final String DEPLOYMENTS = "/openai/deployments/";
    private static final String V1 = "/openai/v1";
    private static final String SPEC_DEPLOYMENTS = "/deployments/";
    private static final String CHAT = "/chat/completions";
    // Azure only learned max_completion_tokens in 2024-09-01-preview; older versions reject it with a 400.
    private static final String FIRST_VERSION_WITH_MAX_COMPLETION_TOKENS = "2024-09-01";
    private static final Pattern DATED_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");

    private EndpointUrls() {}

    /**
     * Checks that {@code value} is an http(s) URL with a host, no spaces and no user:password part.
     *
     * @param what names the value in the error, e.g. {@code --endpoint} or {@code $AZURE_OPENAI_ENDPOINT}
     */
    public static URI parse(String value, String what) {
        String expected = "expected http(s)://host[:port][/path]";
        if (value.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException(what + " '" + value + "' is not a valid URL: it contains a space; " + expected);
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigException(what + " '" + value + "' is not a valid URL; " + expected);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new ConfigException(what + " '" + value + "' is not an http(s) URL; " + expected);
        }
        if (uri.getRawUserInfo() != null) {
            // The value is not echoed: the user part may be a password.
            throw new ConfigException(what + " must not contain user:password@; keys are read only from"
                    + " environment variables");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ConfigException(what + " '" + value + "' has no host; " + expected);
        }
        return uri;
    }

    /** Azure from an Azure host or an {@code /openai/...} path; OpenAI from api.openai.com or a {@code /v1} path. */
    public static Optional<Provider> inferProvider(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        String path = trimSlashes(url.getRawPath());
        if (AZURE_HOST_SUFFIXES.stream().anyMatch(host::endsWith)
                || path.contains(DEPLOYMENTS) || path.endsWith(V1) || path.contains(V1 + "/")) {
            return Optional.of(Provider.AZURE);
        }
        // Azure's spec path without /openai, as API Management publishes it: /deployments/{name}/chat/completions.
        if (path.endsWith(CHAT) && path.contains(SPEC_DEPLOYMENTS)) {
            return Optional.of(Provider.AZURE);
        }
        if (host.equals("api.openai.com") || path.endsWith("/v1") || path.endsWith("/v1" + CHAT)) {
            return Optional.of(Provider.OPENAI);
        }
        return Optional.empty();
    }

    /** Splits an Azure URL (bare resource, {@code .../openai}, a v1 URL or a full deployment URL). */
    public static AzureAddress azureAddress(URI url) {
        String path = trimSlashes(url.getRawPath());
        String apiVersion = queryParameter(url, "api-version");
        int deployments = path.indexOf(DEPLOYMENTS);
        if (deployments >= 0) {
            String rest = path.substring(deployments + DEPLOYMENTS.length());
            int slash = rest.indexOf('/');
            String deployment = decode(slash < 0 ? rest : rest.substring(0, slash));
            return new AzureAddress(base(url, path.substring(0, deployments)), false,
                    deployment.isEmpty() ? null : deployment, apiVersion);
        }
        int v1 = path.lastIndexOf(V1);
        if (v1 >= 0 && (path.endsWith(V1) || path.endsWith(V1 + CHAT))) {
            return new AzureAddress(base(url, path.substring(0, v1)), true, null, apiVersion);
        }
        if (path.endsWith(CHAT)) {
            // Any other full chat-completions URL (an API Management product, a custom base path, Azure's spec
            // path without /openai) is used as given; a /deployments/{name}/ segment still names the deployment.
            int named = path.lastIndexOf(SPEC_DEPLOYMENTS);
            String deployment = null;
            if (named >= 0) {
                String rest = path.substring(named + SPEC_DEPLOYMENTS.length());
                int slash = rest.indexOf('/');
                deployment = slash <= 0 ? null : decode(rest.substring(0, slash));
            }
            return new AzureAddress(base(url, ""), false, deployment, apiVersion, url);
        }
        // People often paste the resource URL with the /openai segment the SDKs add themselves.
        String prefix = path.endsWith("/openai") ? path.substring(0, path.length() - "/openai".length()) : path;
        return new AzureAddress(base(url, prefix), false, null, apiVersion);
    }

    /** {@code {resource}/openai/deployments/{deployment}/chat/completions?api-version={version}}. */
    public static URI azureDeploymentChatUrl(URI resource, String deployment, String apiVersion) {
        return URI.create(withoutTrailingSlash(resource) + DEPLOYMENTS + deployment + CHAT
                + "?api-version=" + apiVersion);
    }

    /**
     * A full chat URL taken as given, with {@code api-version} added when it names a deployment and has none
     * (Azure's deployment route needs one).
     */
    public static URI givenChatUrl(URI url, String deployment, String apiVersion) {
        if (deployment == null || apiVersion == null || queryParameter(url, "api-version") != null) return url;
        return URI.create(url + (url.getRawQuery() == null ? "?" : "&") + "api-version=" + apiVersion);
    }

    /** {@code {resource}/openai/v1/chat/completions}, with {@code ?api-version=} only when one is given. */
    public static URI azureV1ChatUrl(URI resource, String apiVersion) {
        return URI.create(withoutTrailingSlash(resource) + V1 + CHAT
                + (apiVersion == null ? "" : "?api-version=" + apiVersion));
    }

    /**
     * The chat URL for an OpenAI-style base, as the official SDKs read {@code OPENAI_BASE_URL}: a base
     * ending in {@code /chat/completions} is used as is, a base without a path gets {@code /v1}, and
     * {@code /chat/completions} is appended. A query on the base is kept.
     */
    public static URI openAiChatUrl(URI base) {
        String path = trimSlashes(base.getRawPath());
        if (path.endsWith(CHAT)) {
            return base;
        }
        String chatPath = (path.isEmpty() ? "/v1" : path) + CHAT;
        String query = base.getRawQuery() == null ? "" : "?" + base.getRawQuery();
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + chatPath + query);
    }

    /**
     * The known chat-completions shape nearest to {@code chatUrl}, for a 404's hint: Azure's deployment route
     * when a deployment is named, else the OpenAI-style {@code /v1/chat/completions}; null when the URL already
     * has that shape (then the name in it is the likelier mistake).
     */
    public static String nearestShape(URI chatUrl, String deployment) {
        String origin = chatUrl.getScheme() + "://" + chatUrl.getRawAuthority();
        String path = trimSlashes(chatUrl.getRawPath());
        if (deployment != null) {
            return path.contains(DEPLOYMENTS) || path.endsWith(V1 + CHAT) ? null
                    : origin + DEPLOYMENTS + deployment + CHAT + "?api-version=…";
        }
        return path.endsWith("/v1" + CHAT) ? null : origin + "/v1" + CHAT;
    }

    /** True for localhost and loopback literals; no DNS lookup, so it stays pure. */
    public static boolean isLoopback(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("[::1]") || host.equals("::1");
    }

    /**
     * {@code max_completion_tokens} for Azure (unless a dated api-version older than 2024-09-01 is used)
     * and for api.openai.com; {@code max_tokens} for other OpenAI-compatible servers (vLLM, Ollama, ...).
     */
    public static String defaultMaxTokensField(Provider provider, URI url, String apiVersion) {
        if (provider == Provider.AZURE) {
            boolean old = apiVersion != null && DATED_VERSION.matcher(apiVersion).matches()
                    && apiVersion.substring(0, 10).compareTo(FIRST_VERSION_WITH_MAX_COMPLETION_TOKENS) < 0;
            return old ? MAX_TOKENS : MAX_COMPLETION_TOKENS;
        }
        return url.getHost().equalsIgnoreCase("api.openai.com") ? MAX_COMPLETION_TOKENS : MAX_TOKENS;
    }

    /** Whether {@code field} is one of the two body fields that carry the completion limit. */
    public static boolean isMaxTokensField(String field) {
        return MAX_TOKENS.equals(field) || MAX_COMPLETION_TOKENS.equals(field);
    }

    /** Scheme, host, port and path, without user info or query: safe to print. */
    public static String display(URI url) {
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        return url.getScheme() + "://" + url.getHost() + port + trimSlashes(url.getRawPath());
    }

    private static URI base(URI url, String pathPrefix) {
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + pathPrefix);
    }

    private static String withoutTrailingSlash(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + trimSlashes(uri.getRawPath());
    }

    private static String trimSlashes(String path) {
        String p = path == null ? "" : path;
        int end = p.length();
        while (end > 0 && p.charAt(end - 1) == '/') {
            end--;
        }
        return p.substring(0, end);
    }

    private static String queryParameter(URI url, String name) {
        String query = url.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && decode(pair.substring(0, eq)).equals(name)) {
                String value = decode(pair.substring(eq + 1)).strip();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
