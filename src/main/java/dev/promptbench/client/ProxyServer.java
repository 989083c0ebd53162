package dev.promptbench.client;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.Objects;

/**
 * One proxy server requests may go through, with the credentials its URL carried (sent as
 * {@code Proxy-Authorization}, never printed).
 *
 * @param type     {@link Proxy.Type#HTTP} or {@link Proxy.Type#SOCKS}
 * @param host     the proxy's host name or IP literal
 * @param port     the proxy's port
 * @param user     the user name from the URL, or null
 * @param password the password from the URL, or null
 * @param source   where the proxy came from, e.g. {@code from $HTTPS_PROXY}: safe to print
 */
public record ProxyServer(Proxy.Type type, String host, int port, String user, String password, String source) {

    public ProxyServer {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(source, "source");
        if (type == Proxy.Type.DIRECT) {
            throw new IllegalArgumentException("a proxy server cannot be DIRECT");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port must be 1..65535, got " + port);
        }
    }

    /** Whether the URL carried a user name (and so a {@code Proxy-Authorization} can be sent). */
    public boolean hasCredentials() { return user != null; }

    /** The JDK proxy for OkHttp; the address is left unresolved so a SOCKS proxy resolves the target. */
    Proxy proxy() {
        return new Proxy(type, InetSocketAddress.createUnresolved(host, port));
    }

    /** {@code http://***@proxy.corp:3128}: the credentials never shown, not even the user name. */
    public String display() {
        String scheme = type == Proxy.Type.SOCKS ? "socks5" : "http";
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return scheme + "://" + (hasCredentials() ? "***@" : "") + hostPart + ":" + port;
    }

    /** Redacted, like {@link #display()}: the password never reaches a log line by concatenation. */
    @Override
    public String toString() {
        return display() + " (" + source + ")";
    }
}
