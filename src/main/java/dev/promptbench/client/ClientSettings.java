package dev.promptbench.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the shared HTTP client is sized and bounded for one run.
 *
 * @param maxConnections    connections kept open and idle for reuse; size it to the worker count
 * @param requestTimeout    bound on one whole call: connect, send, wait and read the full answer
 *                          (a streamed answer included)
 * @param connectTimeout    bound on opening one TCP (and TLS) connection
 * @param streamIdleTimeout bound on the silence between two reads of a streamed (SSE) answer: a stream that
 *                          stalls longer fails as {@link ErrorKind#STREAM_INCOMPLETE} without waiting for
 *                          the whole-call bound
 * @param network           proxy, trusted certificates and TLS checks
 *                          ({@link NetworkSettings#systemDefaults()} unless configured)
 */
public record ClientSettings(int maxConnections, Duration requestTimeout, Duration connectTimeout,
                             Duration streamIdleTimeout, NetworkSettings network) {

    /** Long enough for a slow reasoning model writing a long answer. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);

    /** A healthy endpoint connects in milliseconds; this only catches black holes. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** A healthy stream (keep-alive comments included) is never silent this long. */
    public static final Duration DEFAULT_STREAM_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public ClientSettings {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(streamIdleTimeout, "streamIdleTimeout");
        Objects.requireNonNull(network, "network");
    }

    /** The system's network defaults with the bounds given. */
    public ClientSettings(int maxConnections, Duration requestTimeout, Duration connectTimeout,
                          Duration streamIdleTimeout) {
        this(maxConnections, requestTimeout, connectTimeout, streamIdleTimeout, NetworkSettings.systemDefaults());
    }

    /** The default stream idle timeout with the other bounds given. */
    public ClientSettings(int maxConnections, Duration requestTimeout, Duration connectTimeout) {
        this(maxConnections, requestTimeout, connectTimeout, DEFAULT_STREAM_IDLE_TIMEOUT);
    }

    /** The default timeouts with {@code maxConnections} pooled connections. */
    public static ClientSettings defaults(int maxConnections) {
        return new ClientSettings(maxConnections, DEFAULT_REQUEST_TIMEOUT, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_STREAM_IDLE_TIMEOUT);
    }

    /** A copy with another whole-call timeout. */
    public ClientSettings withRequestTimeout(Duration timeout) {
        return new ClientSettings(maxConnections, timeout, connectTimeout, streamIdleTimeout, network);
    }

    /** A copy with another idle bound between the reads of a streamed answer. */
    public ClientSettings withStreamIdleTimeout(Duration timeout) {
        return new ClientSettings(maxConnections, requestTimeout, connectTimeout, timeout, network);
    }

    /** A copy with another proxy and TLS set-up. */
    public ClientSettings withNetwork(NetworkSettings other) {
        return new ClientSettings(maxConnections, requestTimeout, connectTimeout, streamIdleTimeout, other);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
