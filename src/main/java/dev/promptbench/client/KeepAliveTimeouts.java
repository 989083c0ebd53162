package dev.promptbench.client;

import java.io.IOException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Honours a server's {@code Keep-Alive: timeout=N}: a pooled connection idle for (nearly) that long is
 * closed instead of reused, since the server has probably closed it already. OkHttp reads no Keep-Alive
 * header; the pool's own idle limit (below common server defaults) covers servers that send none. And a
 * connection an HTTP/1.0 answer ended (no keep-alive) is closed once released, never reused, and later
 * requests to that server say {@code Connection: close}, so OkHttp does not pool their connections.
 * Registered as a network interceptor (to read the header and check before sending) and as each call's
 * event listener (to learn when a connection went idle).
 */
final class KeepAliveTimeouts extends EventListener implements Interceptor {
    private static final Pattern TIMEOUT = Pattern.compile("(?:^|[,;\\s])timeout\\s*=\\s*(\\d+)");
    private static final long SECOND = 1_000_000_000L;

    private final LongSupplier clock;
    private final Map<Connection, Long> timeouts = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<Connection, Long> idleSince = Collections.synchronizedMap(new WeakHashMap<>());
    /** Connections an HTTP/1.0 answer ended: never used again. */
    private final Set<Connection> ended = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    /** Servers (scheme, host, port) known to end every connection after its answer. */
    private final Set<String> endingOrigins = ConcurrentHashMap.newKeySet();

    KeepAliveTimeouts(LongSupplier clock) {
        this.clock = clock;
    }

    /** Thrown (after closing the connection) instead of sending on a connection past its server's timeout. */
    static final class Expired extends IOException {
        Expired() { super("the pooled connection outlived the server's keep-alive timeout"); }
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Connection connection = chain.connection();
        if (connection != null && (ended.contains(connection) || expired(connection))) {
            // Closed, so the pool never offers it again; nothing was sent on it.
            connection.socket().close();
            throw new Expired();
        }
        Request request = chain.request();
        String origin = origin(request);
        if (endingOrigins.contains(origin)) {
            // This server ends every connection: saying so makes OkHttp leave the connection out of its pool.
            request = request.newBuilder().header("Connection", "close").build();
        }
        Response response = chain.proceed(request);
        Long timeout = timeoutNanos(response.header("Keep-Alive"));
        if (connection != null && timeout != null) timeouts.put(connection, timeout);
        if (endsConnection(response)) {
            endingOrigins.add(origin);
            if (connection != null) ended.add(connection);
        }
        return response;
    }

    /**
     * True for an HTTP/1.0 answer that does not say {@code Connection: keep-alive}: such a server (python's
     * http.server, many small mocks) closes the connection after it. OkHttp pools it all the same (it reads
     * only {@code Connection: close}), and a worker that picks it up at once finds it closed.
     */
    static boolean endsConnection(Response response) {
        return response.protocol() == Protocol.HTTP_1_0
                && !"keep-alive".equalsIgnoreCase(String.valueOf(response.header("Connection")).strip());
    }

    private static String origin(Request request) {
        return request.url().scheme() + "://" + request.url().host() + ":" + request.url().port();
    }

    private boolean expired(Connection connection) {
        Long timeout = timeouts.get(connection);
        Long since = idleSince.remove(connection);
        if (timeout == null || since == null) return false;
        // A margin for the clocks and the packets in between: half the timeout, at most a second.
        long limit = timeout - Math.min(SECOND, timeout / 2);
        return clock.getAsLong() - since >= limit;
    }

    @Override
    public void connectionReleased(Call call, Connection connection) {
        if (ended.contains(connection)) {
            // Its server has closed it or is about to: a closed socket fails the pool's health check, so no
            // worker picks it up (one that did in the instant before is stopped in intercept, before sending).
            try {
                connection.socket().close();
            } catch (IOException ignored) {
                // closed either way
            }
            return;
        }
        idleSince.put(connection, clock.getAsLong());
    }

    /** The {@code timeout=} of a Keep-Alive header in nanoseconds, or null. */
    static Long timeoutNanos(String header) {
        if (header == null) return null;
        Matcher m = TIMEOUT.matcher(header.toLowerCase(Locale.ROOT));
        if (!m.find()) return null;
        try {
            return Long.parseLong(m.group(1)) * SECOND;
        } catch (NumberFormatException tooLong) {
            return null;
        }
    }
}
