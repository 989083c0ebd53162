package dev.promptbench.sim;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A self-signed certificate made when the simulator starts, so it can serve HTTPS without any set-up:
 * the client trusts it by its PEM ({@code --ca-cert}) or, for the in-process simulator, directly.
 *
 * <p>The certificate is its own trust anchor (no separate CA): one file is all a user passes along.
 */
public final class SimulatorTls {
    /** Long enough for any run; the key never leaves this process's memory except as the public PEM. */
    private static final Duration VALIDITY = Duration.ofDays(7);

    private final HeldCertificate held;

    private SimulatorTls(HeldCertificate held) {
        this.held = held;
    }

    /**
     * A fresh certificate for {@code localhost}, {@code 127.0.0.1}, {@code ::1} and {@code host} (when it
     * names one address or host rather than every interface).
     */
    public static SimulatorTls generate(String host) {
        Set<String> names = new LinkedHashSet<>();
        names.add("localhost");
        names.add("127.0.0.1");
        names.add("::1");
        String bound = Objects.requireNonNull(host, "host").strip();
        if (!bound.isEmpty() && !bound.equals("0.0.0.0") && !bound.equals("::") && !bound.equals("[::]")) {
            names.add(bound.startsWith("[") && bound.endsWith("]") ? bound.substring(1, bound.length() - 1) : bound);
        }
        HeldCertificate.Builder builder = new HeldCertificate.Builder()
                .commonName("promptbench simulator")
                .duration(VALIDITY.toMillis(), TimeUnit.MILLISECONDS);
        names.forEach(builder::addSubjectAlternativeName);
        return new SimulatorTls(builder.build());
    }

    /** The certificate a client must trust. */
    public X509Certificate certificate() {
        return held.certificate();
    }

    /** The certificate as PEM, for {@code --ca-cert}; public, safe to print. */
    public String certificatePem() {
        return held.certificatePem();
    }

    /** The server side of the handshake: this certificate and its private key. */
    SSLContext serverContext() {
        return new HandshakeCertificates.Builder().heldCertificate(held).build().sslContext();
    }
}
