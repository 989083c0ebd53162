package dev.promptbench.client;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Answers a proxy's 407 (and OkHttp's pre-emptive challenge before an https tunnel) with the Basic
 * credentials of the proxy URL. Gives up after one rejected attempt instead of looping.
 */
final class ProxyAuthenticator implements Authenticator {
    private static final String HEADER = "Proxy-Authorization";

    private final ProxySettings settings;

    ProxyAuthenticator(ProxySettings settings) {
        this.settings = settings;
    }

    @Override
    public Request authenticate(Route route, Response response) {
        if (route == null || route.proxy().type() != Proxy.Type.HTTP) {
            return null;
        }
        if (response.request().header(HEADER) != null) {
            // These credentials were already sent and refused: the 407 becomes the failure.
            return null;
        }
        ProxyServer server = serverAt(route.proxy());
        if (server == null || !server.hasCredentials()) {
            return null;
        }
        return response.request().newBuilder()
                .header(HEADER, Credentials.basic(server.user(), server.password(), StandardCharsets.UTF_8))
                .build();
    }

    private ProxyServer serverAt(Proxy proxy) {
        if (!(proxy.address() instanceof InetSocketAddress address)) {
            return null;
        }
        for (ProxyServer server : new ProxyServer[] {settings.https(), settings.http()}) {
            if (server != null && server.port() == address.getPort()
                    && server.host().equals(address.getHostString().toLowerCase(Locale.ROOT))) {
                return server;
            }
        }
        return null;
    }
}
