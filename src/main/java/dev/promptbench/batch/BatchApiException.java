package dev.promptbench.batch;

/** A files or batches call the service refused, or could not be reached for; the message is safe to print. */
public final class BatchApiException extends RuntimeException {
    private final int httpStatus;
    private final String code;

    public BatchApiException(String message, int httpStatus, String code) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int httpStatus() { return httpStatus; }

    /** The error body's code, or null. */
    public String code() { return code; }

    /** The endpoint will not take this call whatever we do (wrong key, no such resource). */
    public boolean fatal() { return httpStatus == 401 || httpStatus == 403 || httpStatus == 404; }

    /** The deployment's enqueued-token quota is full: wait for queued batches, then try again. */
    public boolean tokenLimit() { return "token_limit_exceeded".equalsIgnoreCase(code); }
}
