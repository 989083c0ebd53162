package dev.promptbench.client;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * OkHttp's proxy selector for one run: the proxy {@link ProxySettings} names for the URL's scheme,
 * or direct for loopback and the {@code no_proxy} hosts. OkHttp ignores the proxy environment
 * variables by itself, so without this a corporate proxy would be bypassed (and blocked).
 */
final class ProxyChooser extends ProxySelector {
    private static final List<Proxy> DIRECT = List.of(Proxy.NO_PROXY);

    private final ProxySettings settings;
    private final BypassRules bypass;

    ProxyChooser(ProxySettings settings) {
        this.settings = settings;
        this.bypass = BypassRules.parse(settings.noProxy(), settings.noProxySource());
    }

    @Override
    public List<Proxy> select(URI uri) {
        if (uri == null) {
            throw new IllegalArgumentException("uri");
        }
        ProxyServer server = serverFor(uri.getScheme());
        String host = uri.getHost();
        if (server == null || host == null) {
            return DIRECT;
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return bypass.bypass(host, port) ? DIRECT : List.of(server.proxy());
    }

    private ProxyServer serverFor(String scheme) {
        String lower = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "https", "wss" -> settings.https();
            case "http", "ws" -> settings.http();
            default -> null;
        };
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException e) {
        // Nothing to remember: the failure comes back to the caller as CONNECT_FAILED with its cause.
    }
}
