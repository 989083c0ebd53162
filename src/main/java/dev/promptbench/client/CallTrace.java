package dev.promptbench.client;

import java.io.IOException;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Response;

/**
 * The life of one call as OkHttp reports it: the moments {@link Timing} needs, and whether the
 * request had left the client when something failed (which decides "connect failed", nothing
 * billed, from "connection lost", maybe billed).
 */
final class CallTrace extends EventListener {
    // Volatile because a call-timeout cancel fires events from OkHttp's watchdog thread.
    private volatile long sentNanos = Timing.UNSET;
    private volatile long headersNanos = Timing.UNSET;
    private volatile long firstByteNanos = Timing.UNSET;
    private volatile boolean bodyWritten;
    private volatile boolean writeFailed;
    private volatile Integer status;
    private volatile String requestId;

    /** Marks the start of the call; latency is measured from here. */
    void markSent() { sentNanos = System.nanoTime(); }

    /** Marks the first response body byte as available. */
    void markFirstByte() { firstByteNanos = System.nanoTime(); }

    /** Records what the response head said, for failures that happen while reading the body. */
    void markResponse(int httpStatus, String id) {
        status = httpStatus;
        requestId = id;
        if (headersNanos == Timing.UNSET) {
            headersNanos = System.nanoTime();
        }
    }

    @Override
    public void requestBodyEnd(Call call, long byteCount) { bodyWritten = true; }

    @Override
    public void requestFailed(Call call, IOException ioe) { writeFailed = true; }

    @Override
    public void responseHeadersEnd(Call call, Response response) { headersNanos = System.nanoTime(); }

    /** True once the whole request was handed to the socket without a write error, or answered. */
    boolean requestSent() { return (bodyWritten && !writeFailed) || headersNanos != Timing.UNSET; }

    Integer status() { return status; }

    String requestId() { return requestId; }

    /** The timestamps so far, with {@code endNanos} as the end. */
    Timing timing(long endNanos) {
        return new Timing(sentNanos, headersNanos, firstByteNanos, endNanos);
    }
}
