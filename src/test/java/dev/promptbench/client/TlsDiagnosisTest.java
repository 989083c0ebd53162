package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptbench.clock.Ticker;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Which handshake failures are certificate problems (fatal, with the fix named) and which are not. */
class TlsDiagnosisTest {
    private final FailureClassifier classifier = new FailureClassifier(new ObjectMapper().reader(),
            ClientFixtures.CLOCK, Duration.ofSeconds(30), ClientSettings.DEFAULT_CONNECT_TIMEOUT, Ticker.system());

    private static SSLHandshakeException handshake(String message, Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException(message);
        e.initCause(cause);
        return e;
    }

    @Test
    void pkixPathBuildingFailedBecomesTheTlsKind() {
        Exception e = handshake("PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException:"
                + " unable to find valid certification path to requested target", new CertificateException("x"));
        Outcome.Failure failure = classifier.transport(e, new CallTrace(Ticker.system()), false, false, null, "contoso.openai.azure.com");

        assertEquals(ErrorKind.TLS, failure.kind());
        assertEquals("TLS: the certificate of contoso.openai.azure.com is not trusted (PKIX path building failed) —"
                + " behind a TLS-inspecting proxy? pass --ca-cert FILE (your proxy's CA, PEM) or --trust-store system",
                failure.message());
        assertTrue(failure.kind().isFatal());
        assertTrue(!failure.kind().isTransient());
    }

    @Test
    void anExpiredCertificateSaysSo() {
        Exception e = handshake("validity check failed", new CertPathValidatorException("validity check failed",
                new CertificateExpiredException("NotAfter: ..."), null, -1,
                CertPathValidatorException.BasicReason.EXPIRED));
        String message = TlsDiagnosis.describe(e, "gw.corp");

        assertTrue(message.startsWith("TLS: the certificate of gw.corp has expired or is not yet valid"), message);
    }

    @Test
    void otherHandshakeFailuresStayConnectFailures() {
        Exception e = new SSLHandshakeException("Remote host terminated the handshake");
        Outcome.Failure failure = classifier.transport(e, new CallTrace(Ticker.system()), false, false, null, "h");

        assertNull(TlsDiagnosis.describe(e, "h"));
        assertEquals(ErrorKind.CONNECT_FAILED, failure.kind());
    }

    @Test
    void aProxyRefusingItsCredentialsIsUnauthorized() {
        assertEquals(ErrorKind.UNAUTHORIZED, FailureClassifier.kindOf(407, null));
    }
}
