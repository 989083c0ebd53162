package dev.promptbench.client;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.promptbench.results.request.StreamMetrics;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Reads a 2xx Server-Sent Events answer into an {@link Outcome}, bounding the silence between two
 * reads by the idle timeout, so a stalled stream fails without waiting for the whole-call bound.
 */
final class StreamedAnswer {
    private final ObjectReader chunkReader;
    private final ObjectReader eventReader;
    private final ObjectReader treeReader;
    private final FailureClassifier failures;
    private final Duration idleTimeout;

    StreamedAnswer(ObjectReader chunkReader, ObjectReader eventReader, ObjectReader treeReader,
                   FailureClassifier failures, Duration idleTimeout) {
        this.chunkReader = chunkReader;
        this.eventReader = eventReader;
        this.treeReader = treeReader;
        this.failures = failures;
        this.idleTimeout = idleTimeout;
    }

    /**
     * The assembled answer with its {@link StreamMetrics}, or a failure: an error event, a malformed
     * chunk, an end before {@code [DONE]}, a broken connection or a stall (all but the first two
     * STREAM_INCOMPLETE). Cancellation, interruption and the whole-call timeout are thrown, for the
     * transport classification.
     */
    Outcome read(Response response, Call call, CallTrace trace, String headerValue, Api api) throws IOException {
        BufferedSource source = response.body().source();
        // Bounds every blocking read of the body (the socket's timeout on HTTP/1.1, the stream's on h2).
        // OkHttp sets it afresh from its own read timeout for the next exchange on this connection.
        source.timeout().timeout(idleTimeout.toNanos(), TimeUnit.NANOSECONDS);
        EventStream stream = api == Api.RESPONSES ? new ResponseStream(eventReader, treeReader, trace::now)
                : new ChatStream(chunkReader, treeReader, trace::now);
        StreamResult result;
        try {
            if (source.request(1)) {
                trace.markFirstByte();
            }
            result = stream.read(source);
        } catch (IOException e) {
            if (call.isCanceled() || Thread.currentThread().isInterrupted()
                    || (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException))) {
                throw e;
            }
            result = new StreamResult.Failed(ErrorKind.STREAM_INCOMPLETE, null, e instanceof SocketTimeoutException
                    ? "no event for " + FailureClassifier.format(idleTimeout)
                    : "stream broke off after " + stream.contentEvents() + " content events: "
                            + FailureClassifier.describe(e));
        }
        // The answer ends at [DONE]: closing the body afterwards (OkHttp drains what is left) is not its time.
        Timing timing = trace.timing(trace.now());
        if (result instanceof Answer answer) {
            return new Outcome.Success(new Outcome.Exchange(timing, response.code(), trace.requestId()), answer);
        }
        StreamResult.Failed failed = (StreamResult.Failed) result;
        return failures.streamFailure(response.code(), trace.requestId(), timing, failed.kind(), failed.code(),
                failed.detail(), headerValue);
    }
}
