package dev.promptbench.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the shared HTTP client is sized and bounded for one run.
 *
 * @param maxConnections connections kept open and idle for reuse; size it to the worker count
 * @param requestTimeout bound on one whole call: connect, send, wait and read the full answer
 * @param connectTimeout bound on opening one TCP (and TLS) connection
 */
public record ClientSettings(int maxConnections, Duration requestTimeout, Duration connectTimeout) {

    /** Long enough for a slow reasoning model writing a long answer. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);

    /** A healthy endpoint connects in milliseconds; this only catches black holes. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public ClientSettings {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
        }
    }

    /** The default timeouts with {@code maxConnections} pooled connections. */
    public static ClientSettings defaults(int maxConnections) {
        return new ClientSettings(maxConnections, DEFAULT_REQUEST_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);
    }

    /** A copy with another whole-call timeout. */
    public ClientSettings withRequestTimeout(Duration timeout) {
        return new ClientSettings(maxConnections, timeout, connectTimeout);
    }
}
