package dev.promptbench.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal HTTP CONNECT proxy on 127.0.0.1, as a corporate proxy tunnels HTTPS: it records each CONNECT
 * and its {@code Proxy-Authorization}, wants credentials when told to, and sends every tunnel to a
 * local port whatever host was asked for.
 */
final class ConnectProxy implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final int targetPort;
    private final String requiredAuthorization;
    private final List<String> connects = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    /** @param requiredAuthorization the {@code Proxy-Authorization} value to insist on, or null for none */
    ConnectProxy(int targetPort, String requiredAuthorization) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.requiredAuthorization = requiredAuthorization;
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The CONNECT request lines, in order. */
    List<String> connects() {
        return List.copyOf(connects);
    }

    /** The Proxy-Authorization of each CONNECT ("" when none). */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            connects.add(head.get(0));
            String authorization = "";
            for (String line : head) {
                if (line.toLowerCase(Locale.ROOT).startsWith("proxy-authorization:")) {
                    authorization = line.substring(line.indexOf(':') + 1).strip();
                }
            }
            authorizations.add(authorization);
            OutputStream out = client.getOutputStream();
            if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            try (Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                threads.execute(() -> pipe(in, target));
                pipe(target.getInputStream(), client);
            }
        } catch (IOException e) {
            // the tunnel ends when either side closes
        }
    }

    private static void pipe(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII).strip();
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
