package dev.promptbench.client;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A chat-completions server on 127.0.0.1 over HTTPS with a certificate signed by a test CA that no JDK
 * trusts: what a TLS-inspecting proxy looks like to promptbench.
 */
public final class HttpsChatServer implements AutoCloseable {
    /** A minimal OpenAI-style completion. */
    public static final String COMPLETION = "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

    private final HeldCertificate ca;
    private final HttpsServer server;
    private final ExecutorService executor;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private HttpsChatServer(HeldCertificate ca, HttpsServer server, ExecutorService executor) {
        this.ca = ca;
        this.server = server;
        this.executor = executor;
    }

    /** A server whose certificate names {@code hostNames} (127.0.0.1 and localhost for a normal test). */
    public static HttpsChatServer start(String... hostNames) throws IOException {
        HeldCertificate ca = new HeldCertificate.Builder().commonName("promptbench test root CA")
                .certificateAuthority(0).build();
        HeldCertificate.Builder leaf = new HeldCertificate.Builder().commonName("promptbench test server").signedBy(ca);
        for (String name : hostNames) {
            leaf.addSubjectAlternativeName(name);
        }
        HandshakeCertificates serverSide = new HandshakeCertificates.Builder()
                .heldCertificate(leaf.build(), ca.certificate()).build();
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverSide.sslContext()));
        ExecutorService executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        HttpsChatServer chat = new HttpsChatServer(ca, server, executor);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            chat.authorizations.add(authorization == null ? "" : authorization);
            byte[] body = COMPLETION.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return chat;
    }

    /** {@code https://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The CA that signed the server's certificate: what {@code --ca-cert} must be given. */
    public HeldCertificate ca() {
        return ca;
    }

    /** How many requests were answered. */
    public int requests() {
        return authorizations.size();
    }

    /** The Authorization header of each request answered ("" when none). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
