package dev.promptbench.client;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How requests reach the network: the proxy, the certificates trusted beyond the JDK's own, and
 * whether TLS checks are off ({@code --insecure}).
 *
 * @param proxy               which proxy each URL goes through
 * @param trustedCertificates CA certificates trusted in addition to the JDK's ({@code --ca-cert}, and the
 *                            operating system's store with {@code --trust-store system})
 * @param trustDescription    where the trust comes from, safe to print (e.g. "JDK default + 1 certificate
 *                            from --ca-cert corp.pem")
 * @param insecure            trust every certificate and every host name: testing only, never the default
 */
public record NetworkSettings(ProxySettings proxy, List<X509Certificate> trustedCertificates, String trustDescription,
                              boolean insecure) {

    /** What the trust is called when nothing was added. */
    public static final String JDK_DEFAULT = "JDK default";

    public NetworkSettings {
        Objects.requireNonNull(proxy, "proxy");
        trustedCertificates = List.copyOf(trustedCertificates);
        Objects.requireNonNull(trustDescription, "trustDescription");
    }

    /** No proxy of our own (the JVM's settings apply), the JDK's trust store, full TLS checks. */
    public static NetworkSettings systemDefaults() {
        return new NetworkSettings(ProxySettings.systemDefaults(), List.of(), JDK_DEFAULT, false);
    }

    /** A copy with another proxy. */
    public NetworkSettings withProxy(ProxySettings other) {
        return new NetworkSettings(other, trustedCertificates, trustDescription, insecure);
    }

    /** Whether TLS is set up as OkHttp would by itself. */
    public boolean defaultTls() { return trustedCertificates.isEmpty() && !insecure; }

    /** Safe-to-print lines for {@code --verbose}: proxy (credentials as ***) and trust. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>(proxy.describe());
        lines.add(insecure
                ? "tls = NOT verified: any certificate, any host name (from --insecure)"
                : "tls trust = " + trustDescription);
        return lines;
    }
}
