package dev.promptbench.client;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.promptbench.clock.Ticker;
import dev.promptbench.results.request.Attempts;
import dev.promptbench.results.request.RateLimitHeaders;
import dev.promptbench.results.request.ThrottleCause;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;

/**
 * Turns an HTTP error response or a transport exception into a classified {@link Outcome.Failure}
 * with a one-line message that is safe to print.
 */
final class FailureClassifier {
    private final ObjectReader treeReader;
    private final Clock clock;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final Ticker ticker;

    /** {@code ticker} times a failure found before anything was sent. */
    FailureClassifier(ObjectReader treeReader, Clock clock, Duration requestTimeout, Duration connectTimeout,
                      Ticker ticker) {
        this.ticker = ticker;
        this.treeReader = treeReader;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
        this.connectTimeout = connectTimeout;
    }

    /** The kind an HTTP status (and, for 400, the error code) stands for. */
    static ErrorKind kindOf(int status, ErrorBody body) {
        if (status == 429) {
            return ErrorKind.RATE_LIMITED;
        }
        // 501 (no such method: a static file server) and 505 (no such HTTP version) will be answered to every
        // request alike, as a wrong URL is: nothing to wait for.
        if (status == 501 || status == 505) {
            return ErrorKind.NOT_FOUND;
        }
        if (status == 408 || status == 409 || status >= 500) {
            return ErrorKind.SERVER_ERROR;
        }
        // 407: the proxy refused us, and will refuse every request the same way.
        if (status == 401 || status == 403 || status == 407) {
            return ErrorKind.UNAUTHORIZED;
        }
        // A redirect is not followed for a POST: the URL is wrong, and every request will fail the same way.
        if (status == 404 || (status >= 300 && status < 400)) {
            return ErrorKind.NOT_FOUND;
        }
        if (status == 400 && body != null
                && ("content_filter".equals(body.code()) || "ResponsibleAIPolicyViolation".equals(body.innerCode()))) {
            return ErrorKind.CONTENT_FILTER;
        }
        return ErrorKind.BAD_REQUEST;
    }

    /**
     * The kind an error event sent in place of a stream chunk stands for. Its code is all there is
     * (the HTTP status was 200): a content-filter code is CONTENT_FILTER, a numeric code is read as an
     * HTTP status, a rate-limit code is RATE_LIMITED, and anything else went wrong on the service's
     * side, so SERVER_ERROR.
     */
    static ErrorKind kindOfStreamError(ErrorBody body) {
        if (body == null) {
            return ErrorKind.SERVER_ERROR;
        }
        if ("content_filter".equals(body.code()) || "ResponsibleAIPolicyViolation".equals(body.innerCode())) {
            return ErrorKind.CONTENT_FILTER;
        }
        if (body.code() != null && body.code().matches("[1-5][0-9][0-9]")) {
            int status = Integer.parseInt(body.code());
            return status < 400 ? ErrorKind.SERVER_ERROR : kindOf(status, body);
        }
        if ("rate_limit_exceeded".equals(body.code()) || "too_many_requests".equals(body.code())) {
            return ErrorKind.RATE_LIMITED;
        }
        return ErrorKind.SERVER_ERROR;
    }

    /**
     * A failure from a non-2xx response.
     *
     * @param head         the first bytes of the body (all of it unless it was very large)
     * @param bodyBytes    the full body length
     * @param contentType  the {@code Content-Type} header or null
     * @param retryAfterMs the {@code retry-after-ms} header or null
     * @param retryAfter   the {@code retry-after} header or null
     * @param headerValue  the credential value sent, redacted from the message
     */
    Outcome.Failure httpFailure(int status, String requestId, Timing timing, byte[] head, long bodyBytes,
                                String contentType, String retryAfterMs, String retryAfter, String headerValue) {
        return httpFailure(status, requestId, timing, head, bodyBytes, contentType, retryAfterMs, retryAfter,
                headerValue, RateLimitHeaders.NONE, RateLimitHeaders.NONE);
    }

    /**
     * As above, telling a 429's cause from its body and {@code headers}, against the highest limits the
     * endpoint reported before ({@code peak}).
     */
    Outcome.Failure httpFailure(int status, String requestId, Timing timing, byte[] head, long bodyBytes,
                                String contentType, String retryAfterMs, String retryAfter, String headerValue,
                                RateLimitHeaders headers, RateLimitHeaders peak) {
        ErrorBody body = head.length == 0 ? null : ErrorBody.read(treeReader, head, contentType);
        ErrorKind kind = kindOf(status, body);
        Duration wait = kind == ErrorKind.RATE_LIMITED || kind == ErrorKind.SERVER_ERROR
                ? RetryAfter.parse(retryAfterMs, retryAfter, clock.instant())
                : null;
        String message = SafeText.line(describe(status, body, bodyBytes), headerValue);
        String code = body == null ? null : SafeText.line(body.code(), headerValue);
        ThrottleCause cause = kind != ErrorKind.RATE_LIMITED ? null : body == null
                ? ThrottleClassifier.classify(null, null, null, headers, peak, wait)
                : ThrottleClassifier.classify(body.code(), body.type(), body.message(), headers, peak, wait);
        return new Outcome.Failure(new Outcome.Exchange(timing, status, requestId, null, headers), Attempts.FIRST,
                kind, code, message, wait, cause);
    }

    /** A MALFORMED failure: a 2xx that is not a chat completion. */
    Outcome.Failure malformed(int status, String requestId, Timing timing, String detail, String headerValue) {
        return new Outcome.Failure(new Outcome.Exchange(timing, status, requestId), ErrorKind.MALFORMED, null,
                SafeText.line(detail, headerValue), null);
    }

    /**
     * A failure of a streamed 2xx answer: an error event, a malformed chunk, an end before
     * {@code [DONE]} or a stall.
     */
    Outcome.Failure streamFailure(int status, String requestId, Timing timing, ErrorKind kind, String code,
                                  String detail, String headerValue) {
        String safeCode = code == null ? null : SafeText.line(code, headerValue);
        ThrottleCause cause = kind != ErrorKind.RATE_LIMITED ? null
                : ThrottleClassifier.classify(code, null, detail, RateLimitHeaders.NONE, RateLimitHeaders.NONE, null);
        return new Outcome.Failure(new Outcome.Exchange(timing, status, requestId), Attempts.FIRST, kind, safeCode,
                SafeText.line(detail, headerValue), null, cause);
    }

    /** A connection that could not be set up in time ({@code cause}: "no TLS handshake within 10s"); nothing was sent. */
    Outcome.Failure connectFailed(String cause, CallTrace trace) {
        return new Outcome.Failure(new Outcome.Exchange(trace.timing(trace.now()), null, null),
                ErrorKind.CONNECT_FAILED, null, "connect failed: " + cause, null);
    }

    /** A failure found before anything was sent (credential, URL, body), with zero latency. */
    Outcome.Failure beforeSend(ErrorKind kind, String detail, String headerValue) {
        long now = ticker.nanoTime();
        return new Outcome.Failure(new Outcome.Exchange(new Timing(now, Timing.UNSET, Timing.UNSET, now), null, null),
                kind, null, SafeText.line(detail, headerValue), null);
    }

    /**
     * A failure from an exception thrown by the transport (or, defensively, by anything else
     * while the call was open).
     *
     * @param canceled whether the call was canceled: by OkHttp's call timeout, or by {@code closing}
     * @param closing  whether the responder is being closed (the run is being cancelled)
     */
    Outcome.Failure transport(Exception e, CallTrace trace, boolean canceled, boolean closing, String headerValue) {
        return transport(e, trace, canceled, closing, headerValue, null);
    }

    /**
     * As {@link #transport(Exception, CallTrace, boolean, boolean, String)}; {@code host} (or null) names
     * the server in the message of a rejected certificate, which becomes {@link ErrorKind#TLS}.
     */
    Outcome.Failure transport(Exception e, CallTrace trace, boolean canceled, boolean closing, String headerValue,
                              String host) {
        return transport(e, trace, canceled, closing, headerValue, host, null);
    }

    /**
     * As above, for a call with its own bound ({@code callTimeout}, e.g. the canary's) instead of the
     * request timeout; null for the request timeout.
     */
    Outcome.Failure transport(Exception e, CallTrace trace, boolean canceled, boolean closing, String headerValue,
                              String host, Duration callTimeout) {
        Timing timing = trace.timing(trace.now());
        boolean sent = trace.requestSent();
        ErrorKind kind;
        String message;
        boolean interrupted = Thread.currentThread().isInterrupted() || isInterruption(e);
        String certificateProblem = interrupted || canceled ? null : TlsDiagnosis.describe(e, host);
        if (interrupted || (canceled && closing)) {
            if (interrupted) {
                // Restore the flag (InterruptedException cleared it): the worker loop must see it too.
                Thread.currentThread().interrupt();
            }
            kind = ErrorKind.INTERRUPTED;
            message = interrupted ? "interrupted" : "cancelled: the client was closed";
        } else if (canceled || isCallTimeout(e)) {
            kind = ErrorKind.TIMEOUT;
            message = (callTimeout == null
                    ? "no complete answer within the request timeout (" + format(requestTimeout) + ")"
                    : "no complete answer within " + format(callTimeout))
                    + (sent ? "" : ", request not sent");
        } else if (certificateProblem != null) {
            kind = ErrorKind.TLS;
            message = certificateProblem;
        } else if (!sent) {
            kind = ErrorKind.CONNECT_FAILED;
            String cause = ConnectProblem.describe(e, host, connectTimeout);
            message = "connect failed: " + (cause != null ? cause : describe(e));
        } else if (e instanceof SocketTimeoutException) {
            kind = ErrorKind.TIMEOUT;
            message = "timed out waiting for the answer: " + describe(e);
        } else {
            kind = ErrorKind.CONNECTION_LOST;
            message = "connection lost after the request was sent: " + describe(e);
        }
        return new Outcome.Failure(new Outcome.Exchange(timing, trace.status(), trace.requestId()), kind, null,
                SafeText.line(message, headerValue), null);
    }

    private static String describe(int status, ErrorBody body, long bodyBytes) {
        if (status == 407) {
            return "HTTP 407 from the proxy: it wants credentials, or refused them (give them in the proxy URL:"
                    + " http://user:password@proxy:port)";
        }
        if (body == null) {
            if (status >= 300 && status < 400) {
                return "HTTP " + status + " redirect, not followed: check the endpoint URL";
            }
            return bodyBytes == 0
                    ? "HTTP " + status + " (empty body)"
                    : "HTTP " + status + " (non-JSON body, " + bodyBytes + " bytes)";
        }
        StringBuilder out = new StringBuilder("HTTP ").append(status);
        if (body.code() != null && !body.code().equals(Integer.toString(status))) {
            out.append(' ').append(body.code());
        }
        if (body.innerCode() != null) {
            out.append(" (").append(body.innerCode()).append(')');
        }
        if (body.message() != null) {
            out.append(": ").append(body.message());
        }
        return out.toString();
    }

    private static boolean isInterruption(Exception e) {
        return e instanceof InterruptedException
                || (e instanceof InterruptedIOException && "interrupted".equals(e.getMessage()));
    }

    /** OkHttp's call timeout surfaces as {@code InterruptedIOException("timeout")}. */
    private static boolean isCallTimeout(Exception e) {
        return e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)
                && "timeout".equals(e.getMessage());
    }

    /** What went wrong in the exception's own words and its cause's, never a Java class name. */
    static String describe(Throwable e) {
        String text = words(e);
        Throwable cause = e.getCause();
        // An end of stream's own text is the parser's ("\n not found: limit=0 ..."): the plain reason says more.
        if (cause instanceof EOFException) return text + " (the server closed the connection)";
        if (cause != null && cause != e && cause.getMessage() != null && !text.contains(cause.getMessage())) {
            text += " (" + cause.getMessage() + ")";
        }
        return text;
    }

    private static String words(Throwable e) {
        if (e.getMessage() != null && !e.getMessage().isBlank()) return e.getMessage();
        return e instanceof EOFException ? "the server closed the connection" : "an input/output error";
    }

    /** {@code 60 s}, or {@code 300 ms} when not whole seconds. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
