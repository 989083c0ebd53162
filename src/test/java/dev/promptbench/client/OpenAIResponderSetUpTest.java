package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.promptbench.clock.Ticker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** --connect-timeout bounds the whole connection set-up, the TLS handshake included. */
class OpenAIResponderSetUpTest {
    private ServerSocket silent;
    private final List<Socket> held = new ArrayList<>();

    /** Accepts TCP connections and never sends a byte: a TLS handshake to it stalls. */
    @BeforeEach
    void silentServer() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket socket = silent.accept();
                    synchronized (held) { held.add(socket); }
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void close() throws IOException {
        silent.close();
        synchronized (held) {
            for (Socket socket : held) socket.close();
        }
    }

    @Test
    @Timeout(30)
    void aStalledTlsHandshakeFailsWithinTheConnectTimeoutNotTheRequestTimeout() {
        ClientSettings settings = new ClientSettings(2, Duration.ofMinutes(10), Duration.ofMillis(300));
        try (OpenAIResponder responder = new OpenAIResponder(settings, Ticker.system(), ClientFixtures.CLOCK)) {
            Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, responder.call(ClientFixtures.request(),
                    ClientFixtures.azure("https://127.0.0.1:" + silent.getLocalPort())));

            assertEquals(ErrorKind.CONNECT_FAILED, failure.kind());
            assertEquals("connect failed: no TLS handshake within 300ms", failure.message());
        }
    }
}
