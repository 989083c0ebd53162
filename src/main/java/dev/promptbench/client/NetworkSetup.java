package dev.promptbench.client;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;

/** Applies {@link NetworkSettings} to an OkHttp client: proxy selector, proxy credentials, TLS trust. */
final class NetworkSetup {
    private NetworkSetup() {}

    static void apply(OkHttpClient.Builder builder, NetworkSettings network) {
        ProxySettings proxy = network.proxy();
        if (proxy.configured()) {
            builder.proxySelector(new ProxyChooser(proxy));
            if (hasCredentials(proxy.https()) || hasCredentials(proxy.http())) {
                builder.proxyAuthenticator(new ProxyAuthenticator(proxy));
            }
        }
        if (network.insecure()) {
            TrustEverything trustAll = new TrustEverything();
            builder.sslSocketFactory(insecureContext(trustAll).getSocketFactory(), trustAll)
                    .hostnameVerifier((host, session) -> true);
        } else if (!network.trustedCertificates().isEmpty()) {
            // Added to the platform's roots, not instead of them: the public endpoints must still work.
            HandshakeCertificates.Builder trust = new HandshakeCertificates.Builder().addPlatformTrustedCertificates();
            for (X509Certificate certificate : network.trustedCertificates()) {
                trust.addTrustedCertificate(certificate);
            }
            HandshakeCertificates certificates = trust.build();
            builder.sslSocketFactory(certificates.sslSocketFactory(), certificates.trustManager());
        }
    }

    private static boolean hasCredentials(ProxyServer server) {
        return server != null && server.hasCredentials();
    }

    private static SSLContext insecureContext(TrustManager trustAll) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS implementation in this JVM: " + e.getMessage(), e);
        }
    }

    /**
     * Accepts every certificate chain, for {@code --insecure} only. Extended, so the JDK does not wrap it
     * in its own endpoint-identification checks.
     */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
