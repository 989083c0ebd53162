package dev.promptbench.client;

import java.io.IOException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Honours a server's {@code Keep-Alive: timeout=N}: a pooled connection idle for (nearly) that long is
 * closed instead of reused, since the server has probably closed it already. OkHttp reads no Keep-Alive
 * header; the pool's own idle limit (below common server defaults) covers servers that send none.
 * Registered as a network interceptor (to read the header and check before sending) and as each call's
 * event listener (to learn when a connection went idle).
 */
final class KeepAliveTimeouts extends EventListener implements Interceptor {
    private static final Pattern TIMEOUT = Pattern.compile("(?:^|[,;\\s])timeout\\s*=\\s*(\\d+)");
    private static final long SECOND = 1_000_000_000L;

    private final LongSupplier clock;
    private final Map<Connection, Long> timeouts = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<Connection, Long> idleSince = Collections.synchronizedMap(new WeakHashMap<>());

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
        if (connection != null && expired(connection)) {
            // Closed, so the pool never offers it again; nothing was sent on it.
            connection.socket().close();
            throw new Expired();
        }
        Response response = chain.proceed(chain.request());
        Long timeout = timeoutNanos(response.header("Keep-Alive"));
        if (connection != null && timeout != null) timeouts.put(connection, timeout);
        return response;
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
