package dev.promptbench.client;

/** The classified reason a request failed. Issue-level policy (retry, stop) is decided from it. */
public enum ErrorKind {
    /** HTTP 429. */
    RATE_LIMITED("rate_limited"),
    /** HTTP 408, 409, 500, 502, 503, 504 and other 5xx but 501 and 505. */
    SERVER_ERROR("server_error"),
    /** Connection refused, reset or failed before the request was sent. */
    CONNECT_FAILED("connect_failed"),
    /** Connection reset or closed after the request was sent: the service may have billed it. */
    CONNECTION_LOST("connection_lost"),
    /** No complete answer within the request timeout. */
    TIMEOUT("timeout"),
    /** HTTP 400 (other than content filtering), 413, 422 and other client errors. */
    BAD_REQUEST("bad_request"),
    /** HTTP 400 with code {@code content_filter}: the prompt was blocked. */
    CONTENT_FILTER("content_filter"),
    /** HTTP 401 or 403: key, token or network rules; 407: the proxy refused its credentials. */
    UNAUTHORIZED("unauthorized"),
    /**
     * HTTP 404: no such deployment, model or route; also 501 and 505, a server that takes no POST (a static
     * file server) or not this HTTP version: every request is refused alike.
     */
    NOT_FOUND("not_found"),
    /**
     * A 2xx whose body does not have the API's shape: not a chat completion (proxy HTML, truncated JSON, a
     * chunk), no choices, a message without content, tool calls or refusal, token counts that are not
     * counts; for a stream, [DONE] before any choice or an event that is not a chunk.
     */
    MALFORMED("malformed"),
    /** A stream that ended before {@code data: [DONE]} and before a finish reason, or went quiet past the idle timeout. */
    STREAM_INCOMPLETE("stream_incomplete"),
    /** The call was interrupted (the run was cancelled). */
    INTERRUPTED("interrupted"),
    /**
     * The server's TLS certificate was rejected (untrusted issuer, wrong host name, expired): every
     * request would fail the same way until the trust is fixed ({@code --ca-cert}, {@code --trust-store}).
     */
    TLS("tls");

    private final String wireName;

    ErrorKind(String wireName) { this.wireName = wireName; }

    /** The snake_case name used in results files and JSON. */
    public String wireName() { return wireName; }

    /** Errors that make every further request pointless: stop the run (exit 4). */
    public boolean isFatal() { return this == UNAUTHORIZED || this == NOT_FOUND || this == TLS; }

    /** Transient errors worth another attempt (issue 2 decides how many). */
    public boolean isTransient() {
        return switch (this) {
            case RATE_LIMITED, SERVER_ERROR, CONNECT_FAILED, CONNECTION_LOST, TIMEOUT, MALFORMED, STREAM_INCOMPLETE -> true;
            default -> false;
        };
    }
}
