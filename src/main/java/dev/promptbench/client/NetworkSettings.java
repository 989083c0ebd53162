package dev.promptbench.client;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How requests reach the network: the proxy, the certificates trusted beyond the JDK's own, whether
 * TLS checks are off ({@code --insecure}), the HTTP versions offered, and whether the built-in simulator
 * is reached over HTTPS.
 *
 * @param proxy               which proxy each URL goes through
 * @param trustedCertificates CA certificates trusted in addition to the JDK's ({@code --ca-cert}, and the
 *                            operating system's store with {@code --trust-store system})
 * @param trustDescription    where the trust comes from, safe to print (e.g. "JDK default + 1 certificate
 *                            from --ca-cert corp.pem")
 * @param insecure            trust every certificate and every host name: testing only, never the default
 * @param http11Only          offer only HTTP/1.1 ({@code --http1.1}); otherwise OkHttp's default: h2 when a
 *                            TLS server offers it, else http/1.1
 * @param simulatorTls        the built-in simulator serves HTTPS with a certificate made at its start, which
 *                            the run's client then trusts ({@code --sim-tls}); no effect on a real endpoint
 */
public record NetworkSettings(ProxySettings proxy, List<X509Certificate> trustedCertificates, String trustDescription,
                              boolean insecure, boolean http11Only, boolean simulatorTls) {

    /** What the trust is called when nothing was added. */
    public static final String JDK_DEFAULT = "JDK default";

    public NetworkSettings {
        Objects.requireNonNull(proxy, "proxy");
        trustedCertificates = List.copyOf(trustedCertificates);
        Objects.requireNonNull(trustDescription, "trustDescription");
    }

    /** Both HTTP versions offered, the simulator over plain HTTP. */
    public NetworkSettings(ProxySettings proxy, List<X509Certificate> trustedCertificates, String trustDescription,
                           boolean insecure) {
        this(proxy, trustedCertificates, trustDescription, insecure, false, false);
    }

    /** No proxy of our own (the JVM's settings apply), the JDK's trust store, full TLS checks. */
    public static NetworkSettings systemDefaults() {
        return new NetworkSettings(ProxySettings.systemDefaults(), List.of(), JDK_DEFAULT, false);
    }

    /** A copy with another proxy. */
    public NetworkSettings withProxy(ProxySettings other) {
        return new NetworkSettings(other, trustedCertificates, trustDescription, insecure, http11Only, simulatorTls);
    }

    /** A copy that offers only HTTP/1.1 ({@code only}) or lets TLS negotiate h2. */
    public NetworkSettings withHttp11Only(boolean only) {
        return new NetworkSettings(proxy, trustedCertificates, trustDescription, insecure, only, simulatorTls);
    }

    /** A copy in which the built-in simulator serves HTTPS ({@code on}) or plain HTTP. */
    public NetworkSettings withSimulatorTls(boolean on) {
        return new NetworkSettings(proxy, trustedCertificates, trustDescription, insecure, http11Only, on);
    }

    /**
     * A copy that also trusts {@code certificate}, e.g. the in-process simulator's own.
     *
     * @param source what it is, safe to print (e.g. "the simulator's self-signed certificate")
     */
    public NetworkSettings withTrustedCertificate(X509Certificate certificate, String source) {
        List<X509Certificate> more = new ArrayList<>(trustedCertificates);
        more.add(Objects.requireNonNull(certificate, "certificate"));
        return new NetworkSettings(proxy, more, trustDescription + " + " + source, insecure, http11Only, simulatorTls);
    }

    /** Whether TLS is set up as OkHttp would by itself. */
    public boolean defaultTls() { return trustedCertificates.isEmpty() && !insecure; }

    /** Safe-to-print lines for {@code --verbose}: proxy (credentials as ***) and trust. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>(proxy.describe());
        lines.add(insecure
                ? "tls = NOT verified: any certificate, any host name (from --insecure)"
                : "tls trust = " + trustDescription);
        if (http11Only) {
            lines.add("http versions = http/1.1 only (from --http1.1)");
        }
        return lines;
    }
}
