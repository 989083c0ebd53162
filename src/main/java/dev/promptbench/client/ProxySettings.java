package dev.promptbench.client;

import java.net.Proxy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which proxy requests go through, read the way curl reads it: {@code https_proxy} for https URLs,
 * {@code http_proxy} for http URLs, {@code all_proxy} for both (lower case first, then upper case),
 * minus the hosts {@code no_proxy} lists; {@code --proxy} replaces the proxy variables but
 * {@code no_proxy} still applies. Loopback hosts never go through a proxy (see {@link BypassRules}).
 *
 * @param https         the proxy for https URLs, or null for direct
 * @param http          the proxy for http URLs, or null for direct
 * @param noProxy       the {@code no_proxy} entries as written (host suffixes, IPs, CIDR ranges, {@code *})
 * @param noProxySource where {@code noProxy} came from ({@code from $NO_PROXY}), or null when empty
 * @param configured    false when nothing was set: the JVM's own proxy settings then apply untouched
 */
public record ProxySettings(ProxyServer https, ProxyServer http, List<String> noProxy, String noProxySource,
                            boolean configured) {

    /** The value of {@code --proxy} that ignores the proxy variables: every request goes direct. */
    public static final String NONE = "none";

    private static final int DEFAULT_PORT = 1080; // curl's default when a proxy URL has no port

    public ProxySettings {
        noProxy = List.copyOf(noProxy);
        // Fail now, with the variable's name, rather than on the first request.
        BypassRules.parse(noProxy, noProxySource);
    }

    /** Nothing configured: OkHttp uses the JVM's proxy selector (system properties), as before. */
    public static ProxySettings systemDefaults() {
        return new ProxySettings(null, null, List.of(), null, false);
    }

    /**
     * The proxies for one run.
     *
     * @param flag the {@code --proxy} value, {@link #NONE}, or null when not given
     * @param env  the environment variables
     * @throws IllegalArgumentException with a one-line message that names the setting, never its credentials
     */
    public static ProxySettings resolve(String flag, Map<String, String> env) {
        Named noProxy = first(env, "no_proxy", "NO_PROXY");
        List<String> entries = noProxy == null ? List.of() : splitList(noProxy.value());
        String noProxySource = entries.isEmpty() ? null : "from $" + noProxy.name();
        if (flag != null && !flag.isBlank()) {
            if (flag.strip().equalsIgnoreCase(NONE)) {
                return new ProxySettings(null, null, List.of(), null, true);
            }
            ProxyServer server = parse(flag.strip(), "from --proxy", "--proxy");
            return new ProxySettings(server, server, entries, noProxySource, true);
        }
        Named all = first(env, "all_proxy", "ALL_PROXY");
        Named https = orElse(first(env, "https_proxy", "HTTPS_PROXY"), all);
        Named http = orElse(first(env, "http_proxy", "HTTP_PROXY"), all);
        if (https == null && http == null) {
            return systemDefaults();
        }
        return new ProxySettings(server(https), server(http), entries, noProxySource, true);
    }

    /** Whether any request may go through a proxy. */
    public boolean anyProxy() { return https != null || http != null; }

    /** Safe-to-print lines for {@code --verbose}: where each proxy came from, credentials as ***. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (!configured) {
            lines.add("proxy = none (no --proxy, $HTTPS_PROXY or $HTTP_PROXY; JVM settings apply)");
            return lines;
        }
        if (https != null && https == http) {
            lines.add("proxy = " + https);
        } else {
            lines.add("proxy for https = " + (https == null ? "none (direct)" : https.toString()));
            lines.add("proxy for http = " + (http == null ? "none (direct)" : http.toString()));
        }
        if (anyProxy()) {
            lines.add("no proxy for loopback" + (noProxy.isEmpty() ? "" : " and " + String.join(", ", noProxy)
                    + " (" + noProxySource + ")"));
        }
        return lines;
    }

    private static ProxyServer server(Named variable) {
        return variable == null ? null : parse(variable.value(), "from $" + variable.name(), "$" + variable.name());
    }

    /**
     * Parses {@code [scheme://][user[:password]@]host[:port][/...]} by hand: a password may hold characters
     * ({@code @ # /}) that {@link java.net.URI} rejects when they are not percent-encoded.
     */
    static ProxyServer parse(String text, String source, String label) {
        int schemeEnd = text.indexOf("://");
        String scheme = schemeEnd < 0 ? "http" : text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String rest = schemeEnd < 0 ? text : text.substring(schemeEnd + 3);
        int at = rest.lastIndexOf('@');
        String userInfo = at < 0 ? null : rest.substring(0, at);
        String hostPart = at < 0 ? rest : rest.substring(at + 1);
        int slash = hostPart.indexOf('/');
        if (slash >= 0) {
            hostPart = hostPart.substring(0, slash);
        }
        String shown = scheme + "://" + (userInfo == null ? "" : "***@") + hostPart;
        Proxy.Type type = switch (scheme) {
            case "http" -> Proxy.Type.HTTP;
            case "socks", "socks4", "socks4a", "socks5", "socks5h" -> Proxy.Type.SOCKS;
            case "https" -> throw new IllegalArgumentException(label + " " + shown + ": a TLS connection to the proxy"
                    + " itself is not supported; use its http:// address (https requests still go through it"
                    + " encrypted end to end)");
            default -> throw new IllegalArgumentException(label + " " + shown + ": unsupported proxy scheme '"
                    + scheme + "' (use http:// or socks5://)");
        };
        String host;
        String portText = null;
        if (hostPart.startsWith("[")) {
            int close = hostPart.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(label + " " + shown + ": unclosed [ in the IPv6 address");
            }
            host = hostPart.substring(1, close);
            if (hostPart.length() > close + 1) {
                if (hostPart.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException(label + " " + shown + ": expected :port after the IPv6 address");
                }
                portText = hostPart.substring(close + 2);
            }
        } else {
            int colon = hostPart.lastIndexOf(':');
            host = colon < 0 ? hostPart : hostPart.substring(0, colon);
            portText = colon < 0 ? null : hostPart.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException(label + " " + shown + ": no proxy host");
        }
        int port = DEFAULT_PORT;
        if (portText != null && !portText.isEmpty()) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(label + " " + shown + ": the port must be a number 1..65535");
            }
        }
        String user = null;
        String password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), label, shown);
            password = colon < 0 ? "" : decode(userInfo.substring(colon + 1), label, shown);
            if (type == Proxy.Type.SOCKS) {
                throw new IllegalArgumentException(label + " " + shown + ": a user name and password are supported"
                        + " for http:// proxies only");
            }
        }
        return new ProxyServer(type, host.toLowerCase(Locale.ROOT), port, user, password, source);
    }

    private static String decode(String text, String label, String shown) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // Not echoed: the text is a credential.
            throw new IllegalArgumentException(label + " " + shown + ": bad %-escape in the user name or password");
        }
    }

    private static List<String> splitList(String value) {
        List<String> entries = new ArrayList<>();
        for (String entry : value.split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static Named first(Map<String, String> env, String lower, String upper) {
        for (String name : new String[] {lower, upper}) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return new Named(name, value.strip());
            }
        }
        return null;
    }

    private static Named orElse(Named first, Named fallback) {
        return first != null ? first : fallback;
    }

    /** An environment variable that is set, with its name for messages. */
    private record Named(String name, String value) {}
}
