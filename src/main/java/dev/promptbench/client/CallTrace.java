package dev.promptbench.client;

import dev.promptbench.clock.Ticker;
import dev.promptbench.results.request.ConnectionTimes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * The life of one call as OkHttp reports it: the moments {@link Timing} and {@link ConnectionTimes}
 * need, and whether the request had left the client when something failed (which decides "connect
 * failed", nothing billed, from "connection lost", maybe billed).
 */
final class CallTrace extends EventListener {
    private final Ticker ticker;
    // Volatile because a call-timeout cancel fires events from OkHttp's watchdog thread, and fast
    // fallback connects (and reports) on OkHttp's own threads.
    private volatile long sentNanos = Timing.UNSET;
    private volatile long headersNanos = Timing.UNSET;
    private volatile long firstByteNanos = Timing.UNSET;
    private volatile boolean bodyWritten;
    private volatile boolean writeFailed;
    private volatile Integer status;
    private volatile String requestId;

    private volatile long dnsStart = Timing.UNSET;
    private volatile long dnsEnd = Timing.UNSET;
    private volatile long connectStart = Timing.UNSET;
    private volatile long connectEnd = Timing.UNSET;
    private volatile long tlsStart = Timing.UNSET;
    private volatile long tlsEnd = Timing.UNSET;
    private volatile long requestStart = Timing.UNSET;
    private volatile long responseHeadersEnd = Timing.UNSET;
    private volatile String protocol;
    private volatile boolean acquired;

    /** A trace whose moments come from {@code ticker}. */
    CallTrace(Ticker ticker) {
        this.ticker = ticker;
    }

    /** Now, on this trace's clock: for the end of an outcome timed outside the event listener. */
    long now() {
        return ticker.nanoTime();
    }

    /** Marks the start of the call; latency is measured from here. */
    void markSent() { sentNanos = ticker.nanoTime(); }

    /** Marks the first response body byte as available. */
    void markFirstByte() { firstByteNanos = ticker.nanoTime(); }

    /** Records what the response head said, for failures that happen while reading the body. */
    void markResponse(int httpStatus, String id) {
        status = httpStatus;
        requestId = id;
        if (headersNanos == Timing.UNSET) {
            headersNanos = ticker.nanoTime();
        }
    }

    @Override
    public void dnsStart(Call call, String domainName) {
        if (dnsStart == Timing.UNSET) {
            dnsStart = ticker.nanoTime();
        }
    }

    @Override
    public void dnsEnd(Call call, String domainName, List<InetAddress> addresses) { dnsEnd = ticker.nanoTime(); }

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
        // With fast fallback several attempts may race: connecting took from the first start to the winner's end.
        if (connectStart == Timing.UNSET) {
            connectStart = ticker.nanoTime();
        }
    }

    @Override
    public void secureConnectStart(Call call) {
        if (tlsStart == Timing.UNSET) {
            tlsStart = ticker.nanoTime();
        }
    }

    @Override
    public void secureConnectEnd(Call call, Handshake handshake) { tlsEnd = ticker.nanoTime(); }

    @Override
    public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
        connectEnd = ticker.nanoTime();
    }

    @Override
    public void connectFailed(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol,
                              IOException ioe) {
        // A failed connect still took its time; a later success overwrites this end.
        connectEnd = ticker.nanoTime();
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
        protocol = connection.protocol().toString();
        acquired = true;
    }

    @Override
    public void requestHeadersStart(Call call) {
        if (requestStart == Timing.UNSET) {
            requestStart = ticker.nanoTime();
        }
    }

    @Override
    public void requestBodyEnd(Call call, long byteCount) { bodyWritten = true; }

    @Override
    public void requestFailed(Call call, IOException ioe) { writeFailed = true; }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        long now = ticker.nanoTime();
        headersNanos = now;
        responseHeadersEnd = now;
    }

    /** True once the whole request was handed to the socket without a write error, or answered. */
    boolean requestSent() { return (bodyWritten && !writeFailed) || headersNanos != Timing.UNSET; }

    Integer status() { return status; }

    /** True when the call's connection came from the pool and nothing of an answer arrived on it. */
    boolean failedOnReusedConnectionBeforeAnswer() {
        return acquired && connectStart == Timing.UNSET && headersNanos == Timing.UNSET && status == null;
    }

    String requestId() { return requestId; }

    /** The timestamps so far, with {@code endNanos} as the end. */
    Timing timing(long endNanos) {
        return new Timing(sentNanos, headersNanos, firstByteNanos, endNanos);
    }

    /**
     * Where the call's time went before the answer, phases not reached or skipped as 0. The protocol
     * is the acquired connection's (known even when the request then failed), null when none was.
     */
    ConnectionTimes connectionTimes() {
        return new ConnectionTimes(span(dnsStart, dnsEnd), span(connectStart, connectEnd), span(tlsStart, tlsEnd),
                span(requestStart, responseHeadersEnd), protocol, acquired && connectStart == Timing.UNSET);
    }

    private static long span(long start, long end) {
        return start == Timing.UNSET || end == Timing.UNSET || end < start ? 0 : end - start;
    }
}
