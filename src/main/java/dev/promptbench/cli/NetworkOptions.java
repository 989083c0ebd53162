package dev.promptbench.cli;

import dev.promptbench.client.NetworkSettings;
import dev.promptbench.config.Auth;
import dev.promptbench.config.EndpointFlags;
import dev.promptbench.config.NetworkFlags;
import dev.promptbench.config.NetworkResolver;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * How requests reach the endpoint through a company network: proxy, TLS trust, Entra ID, gateway headers,
 * HTTP version, and HTTPS to the built-in simulator.
 */
final class NetworkOptions {
    /** The loud line every run with {@code --insecure} prints; {@code warning:} gets it past {@code --quiet}. */
    static final String INSECURE_WARNING = "warning: --insecure: TLS certificates and host names are NOT checked;"
            + " anyone on the network path can read and change this traffic, keys and tokens included";

    /** RFC 9110 token characters: what a header name may hold. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Set by OkHttp from the body and the URL: a second value would corrupt the request. */
    private static final Set<String> RESERVED = Set.of("host", "content-length", "content-type", "transfer-encoding",
            "connection");

    @Option(names = "--proxy", paramLabel = "URL", order = 60,
            description = "HTTP proxy for every request, e.g. http://proxy.corp:3128 or http://user:pass@proxy:3128 "
                    + "(beats $HTTPS_PROXY/$HTTP_PROXY; $NO_PROXY still applies; loopback never uses a proxy). "
                    + "'none' ignores the proxy variables.")
    String proxy;

    @Option(names = "--ca-cert", paramLabel = "FILE", order = 61,
            description = "Also trust the CA certificates in this PEM file (a TLS-inspecting proxy's CA); repeatable.")
    List<Path> caCerts;

    @Option(names = "--trust-store", paramLabel = "jdk|system", order = 62,
            description = "system: also trust the operating system's store (Windows-ROOT, the macOS keychain; on "
                    + "Linux the JDK's store is the system's) (default: jdk).")
    String trustStore;

    @Option(names = "--insecure", order = 63,
            description = "Do not check TLS certificates or host names. For testing only: warns on every run.")
    boolean insecure;

    @Option(names = "--auth", paramLabel = "key|entra", order = 64, converter = WireNameConverter.AuthName.class,
            description = "key: $AZURE_OPENAI_API_KEY (or the profile's key_env); entra: a Microsoft Entra ID token "
                    + "as Authorization: Bearer (default: key when a key is set, else entra when a token is).")
    Auth auth;

    @Option(names = "--token-command", paramLabel = "COMMAND", order = 65,
            description = "Prints an Entra ID token; run again before it expires (implies --auth entra), e.g. "
                    + "\"az account get-access-token --resource https://cognitiveservices.azure.com "
                    + "--query accessToken -o tsv\". Else $AZURE_OPENAI_AD_TOKEN is used.")
    String tokenCommand;

    @Option(names = "--header", paramLabel = "'NAME: VALUE'", order = 66,
            description = "Extra header for every request, e.g. 'Ocp-Apim-Subscription-Key: ...' for API Management; "
                    + "repeatable; values shown as *** in -v.")
    List<String> headers;

    @Option(names = "--http1.1", order = 67,
            description = "Offer only HTTP/1.1. By default h2 is used when the TLS server offers it: then all requests "
                    + "share one connection, so the server's per-connection stream limit, not --threads' pool, "
                    + "bounds concurrency.")
    boolean http11;

    @Option(names = "--sim-tls", order = 68,
            description = "Built-in simulator: serve HTTPS with a self-signed certificate made at start and trusted "
                    + "by this run (HTTP/1.1 only: the JDK's server has no HTTP/2).")
    boolean simulatorTls;

    private NetworkSettings settings;

    /** The endpoint flags with {@code --auth}, {@code --token-command} and the parsed {@code --header}s. */
    EndpointFlags flags(EndpointFlags endpoint) {
        if (tokenCommand != null && tokenCommand.isBlank()) {
            throw new UsageException("--token-command is empty");
        }
        return endpoint.withAuth(auth, tokenCommand, parseHeaders());
    }

    /** Proxy and TLS for the run, resolved once; throws a ConfigException for a bad proxy or certificate file. */
    NetworkSettings settings(Map<String, String> env) {
        if (settings == null) {
            if (trustStore != null && !trustStore.equals(NetworkFlags.TRUST_JDK)
                    && !trustStore.equals(NetworkFlags.TRUST_SYSTEM)) {
                throw new UsageException("--trust-store must be jdk or system (got '" + trustStore + "')");
            }
            settings = new NetworkResolver(env).resolve(new NetworkFlags(proxy, caCerts, trustStore, insecure))
                    .withHttp11Only(http11)
                    .withSimulatorTls(simulatorTls);
        }
        return settings;
    }

    /** The {@code --insecure} warning, always; with {@code verbose}, where proxy and trust come from. */
    void announce(NetworkSettings network, Notices notices, boolean verbose) {
        if (verbose) {
            network.describe().forEach(line -> notices.say("  " + line));
        }
        if (network.insecure()) {
            notices.say(INSECURE_WARNING);
        }
    }

    private Map<String, String> parseHeaders() {
        Map<String, String> parsed = new LinkedHashMap<>();
        if (headers == null) {
            return parsed;
        }
        Set<String> seen = new HashSet<>();
        for (String header : headers) {
            int colon = header.indexOf(':');
            String name = colon < 0 ? header.strip() : header.substring(0, colon).strip();
            // Nothing of a malformed header is echoed: a mistyped one may well be the key itself.
            if (colon < 0 || !HEADER_NAME.matcher(name).matches()) {
                throw new UsageException("--header must look like 'Name: value' (a header name is letters, digits"
                        + " and - _ ., then a colon)");
            }
            String value = header.substring(colon + 1).strip();
            if (value.isEmpty()) {
                throw new UsageException("--header " + name + " has no value");
            }
            if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f))) {
                throw new UsageException("--header " + name + ": the value holds control characters (a line break?)");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (RESERVED.contains(lower)) {
                throw new UsageException("--header " + name + " is set by promptbench itself and cannot be replaced");
            }
            if (!seen.add(lower)) {
                throw new UsageException("--header " + name + " is given twice");
            }
            parsed.put(name, value);
        }
        return parsed;
    }
}
