package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.promptbench.clock.Ticker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pooled connections the server has probably closed are not reused, and a request that fails on one before
 * any byte of the answer is sent once more on a fresh connection, not counted as a retry. The server is a raw
 * socket, so it can close connections exactly as a keep-alive timeout does.
 */
class OpenAIResponderStaleConnectionTest {
    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger cutOff = new AtomicInteger();
    /** An extra header line of every answer, or "". */
    private volatile String keepAliveHeader = "";

    @AfterEach
    void stop() throws IOException {
        if (server != null) server.close();
    }

    /**
     * Serves each connection: answers the first request; a later request on the same connection is answered
     * only when it came within {@code idleMillis} of the previous answer, else the connection is closed without
     * a word (the server's keep-alive timeout ran out just as the request arrived). Sends
     * {@code Keep-Alive: timeout=} when {@code advertise}.
     */
    private String start(long idleMillis, boolean advertise) throws IOException {
        return start(idleMillis, advertise, "HTTP/1.1");
    }

    private String start(long idleMillis, boolean advertise, String version) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    Thread serve = new Thread(() -> serve(socket, idleMillis, advertise, version));
                    serve.setDaemon(true);
                    serve.start();
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void serve(Socket socket, long idleMillis, boolean advertise, String version) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            long lastAnswer = -1;
            while (true) {
                String head = readHead(in);
                if (head == null) return;
                long now = System.nanoTime();
                if (lastAnswer >= 0 && (now - lastAnswer) / 1_000_000 >= idleMillis) {
                    cutOff.incrementAndGet();
                    return;
                }
                readBody(in, head);
                byte[] body = ClientFixtures.AZURE_COMPLETION.getBytes(StandardCharsets.UTF_8);
                String response = version + " 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\n" + keepAliveHeader + (advertise ? "Keep-Alive: timeout=" + idleMillis / 1000 + "\r\n" : "")
                        + "\r\n";
                // Counted before the bytes go out: once the client has them it may return and the test read the
                // count before this thread runs again.
                answered.incrementAndGet();
                out.write(response.getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                lastAnswer = System.nanoTime();
            }
        } catch (IOException gone) {
            // the client closed the connection
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] so = head.toByteArray();
            int n = so.length;
            if (n >= 4 && so[n - 4] == '\r' && so[n - 3] == '\n' && so[n - 2] == '\r' && so[n - 1] == '\n') {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    private static void readBody(InputStream in, String head) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring("content-length:".length()).trim()));
            }
        }
    }

    @Test
    @Timeout(30)
    void aRequestCutOffOnAReusedConnectionIsSentOnceMoreOnAFreshOne() throws IOException {
        // Idle limit 0: every request on a reused connection is cut off, as if the server's timeout had just run out.
        String base = start(0, false);
        try (OpenAIResponder responder = new OpenAIResponder(ClientFixtures.settings(), Ticker.system(), ClientFixtures.CLOCK)) {
            for (int i = 0; i < 3; i++) {
                Outcome outcome = responder.call(ClientFixtures.request(), ClientFixtures.azure(base));
                assertInstanceOf(Outcome.Success.class, outcome, outcome.toString());
                assertEquals(1, outcome.attempts().count());
            }
        }
        assertEquals(3, answered.get());
        assertEquals(2, cutOff.get(), "the second and third request first met a connection the server had closed");
        assertEquals(3, connections.get());
    }

    @Test
    @Timeout(30)
    void aServersKeepAliveTimeoutIsHonoured() throws Exception {
        // The server says Keep-Alive: timeout=1 and cuts off any request on a connection idle for a second.
        String base = start(1_000, true);
        try (OpenAIResponder responder = new OpenAIResponder(ClientFixtures.settings(), Ticker.system(), ClientFixtures.CLOCK)) {
            for (int i = 0; i < 3; i++) {
                if (i > 0) Thread.sleep(1_000); // the gap itself is the scenario, nothing is awaited by it
                Outcome outcome = responder.call(ClientFixtures.request(), ClientFixtures.azure(base));
                assertInstanceOf(Outcome.Success.class, outcome, outcome.toString());
            }
        }
        assertEquals(3, answered.get());
        assertEquals(0, cutOff.get(), "no request was sent on a connection past the server's keep-alive timeout");
    }

    /**
     * A plain HTTP/1.0 server (python3 -m http.server's BaseHTTPRequestHandler) answers without Connection or
     * Keep-Alive and closes the connection: it must never be reused. This server keeps it open a little but cuts
     * off any second request on it, so a reuse is counted instead of raced.
     */
    @Test
    @Timeout(30)
    void anHttp10AnswerWithoutKeepAliveEndsItsConnection() throws IOException {
        String base = start(0, false, "HTTP/1.0");
        try (OpenAIResponder responder = new OpenAIResponder(ClientFixtures.settings(), Ticker.system(), ClientFixtures.CLOCK)) {
            for (int i = 0; i < 3; i++) {
                Outcome outcome = responder.call(ClientFixtures.request(), ClientFixtures.azure(base));
                assertInstanceOf(Outcome.Success.class, outcome, outcome.toString());
            }
        }
        assertEquals(3, answered.get());
        assertEquals(0, cutOff.get(), "no request was sent on a connection an HTTP/1.0 answer ended");
        assertEquals(3, connections.get());
    }

    /** The canary's connection, then four workers at once: every request answered, none on an ended connection. */
    @Test
    @Timeout(30)
    void parallelRequestsToAnHttp10ServerAllSucceed() throws Exception {
        String base = start(0, false, "HTTP/1.0");
        int workers = 4;
        int each = 6;
        List<Outcome> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (OpenAIResponder responder = new OpenAIResponder(ClientFixtures.settings(), Ticker.system(), ClientFixtures.CLOCK)) {
            outcomes.add(responder.call(ClientFixtures.request(), ClientFixtures.azure(base)));
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int w = 0; w < workers; w++) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        outcomes.add(responder.call(ClientFixtures.request(), ClientFixtures.azure(base)));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<?> f : done) f.get();
            pool.shutdown();
        }
        for (Outcome outcome : outcomes) assertInstanceOf(Outcome.Success.class, outcome, outcome.toString());
        assertEquals(1 + workers * each, answered.get());
        assertEquals(0, cutOff.get());
    }

    /** HTTP/1.0's keep-alive extension: a server that says Connection: keep-alive keeps its connection. */
    @Test
    @Timeout(30)
    void anHttp10AnswerThatSaysKeepAliveIsReused() throws IOException {
        keepAliveHeader = "Connection: keep-alive\r\n";
        String base = start(60_000, false, "HTTP/1.0");
        try (OpenAIResponder responder = new OpenAIResponder(ClientFixtures.settings(), Ticker.system(), ClientFixtures.CLOCK)) {
            for (int i = 0; i < 3; i++) {
                Outcome outcome = responder.call(ClientFixtures.request(), ClientFixtures.azure(base));
                assertInstanceOf(Outcome.Success.class, outcome, outcome.toString());
            }
        }
        assertEquals(1, connections.get());
    }

    @Test
    void theKeepAliveHeaderIsRead() {
        assertEquals(5_000_000_000L, KeepAliveTimeouts.timeoutNanos("timeout=5, max=1000"));
        assertEquals(1_000_000_000L, KeepAliveTimeouts.timeoutNanos("max=100, timeout=1"));
        assertEquals(null, KeepAliveTimeouts.timeoutNanos("max=100"));
        assertEquals(null, KeepAliveTimeouts.timeoutNanos(null));
    }
}
