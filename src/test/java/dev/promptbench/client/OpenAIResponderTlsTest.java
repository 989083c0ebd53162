package dev.promptbench.client;

import dev.promptbench.clock.Ticker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TLS against a server whose certificate comes from a CA no JDK trusts, as behind an inspecting proxy. */
class OpenAIResponderTlsTest {

    private static Outcome call(HttpsChatServer server, NetworkSettings network) {
        try (OpenAIResponder responder = new OpenAIResponder(ClientFixtures.settings().withNetwork(network), Ticker.system(), Clock.systemUTC())) {
            return responder.call(ClientFixtures.request(), ClientFixtures.openai(server.baseUrl()));
        }
    }

    @Test
    void anUntrustedCertificateIsOneActionableLine() throws IOException {
        try (HttpsChatServer server = HttpsChatServer.start("127.0.0.1", "localhost")) {
            Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class,
                    call(server, NetworkSettings.systemDefaults()));

            assertEquals(ErrorKind.TLS, failure.kind());
            assertEquals("TLS: the certificate of 127.0.0.1 is not trusted (PKIX path building failed) — behind a"
                    + " TLS-inspecting proxy? pass --ca-cert FILE (your proxy's CA, PEM) or --trust-store system",
                    failure.message());
            assertEquals(0, server.requests());
        }
    }

    @Test
    void theCaAddedToTheTrustMakesItWork() throws IOException {
        try (HttpsChatServer server = HttpsChatServer.start("127.0.0.1")) {
            NetworkSettings trusted = new NetworkSettings(ProxySettings.systemDefaults(),
                    List.of(server.ca().certificate()), "test CA", false);

            assertInstanceOf(Outcome.Success.class, call(server, trusted));
            assertEquals(1, server.requests());
        }
    }

    @Test
    void insecureTrustsAnything() throws IOException {
        try (HttpsChatServer server = HttpsChatServer.start("somewhere-else.test")) {
            NetworkSettings insecure = new NetworkSettings(ProxySettings.systemDefaults(), List.of(), "none", true);

            assertInstanceOf(Outcome.Success.class, call(server, insecure));
        }
    }

    @Test
    void aPlainHttpOnlyResponderRefusesHttpsAsAFailureValue() throws IOException {
        try (HttpsChatServer server = HttpsChatServer.start("127.0.0.1");
             OpenAIResponder plain = OpenAIResponder.plainHttpOnly(ClientFixtures.settings(), Ticker.system(), Clock.systemUTC())) {
            Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class,
                    plain.call(ClientFixtures.request(), ClientFixtures.openai(server.baseUrl())));

            assertNotEquals(ErrorKind.TLS, failure.kind(), failure.message());
            assertEquals(0, server.requests());
        }
    }

    @Test
    void aCertificateForAnotherNameIsAWrongUrlNotAnUntrustedCa() throws IOException {
        try (HttpsChatServer server = HttpsChatServer.start("somewhere-else.test")) {
            NetworkSettings trusted = new NetworkSettings(ProxySettings.systemDefaults(),
                    List.of(server.ca().certificate()), "test CA", false);
            Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, call(server, trusted));

            assertEquals(ErrorKind.TLS, failure.kind());
            assertEquals("TLS: the certificate of 127.0.0.1 is for another host name — check the endpoint URL"
                    + " (--insecure skips this check, for testing only)", failure.message());
        }
    }
}
