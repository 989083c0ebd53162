package dev.promptbench.client;

import java.time.Duration;

/**
 * The answer to one call of a JSON API other than chat completions (files, batches): its status, its
 * body, and what an error body says, already made safe to print.
 *
 * @param status     the HTTP status
 * @param body       the response body (bounded; JSON for the calls that use this)
 * @param retryAfter how long the service asked to wait ({@code retry-after-ms} or {@code retry-after}), or null
 * @param requestId  {@code apim-request-id} or {@code x-request-id}, or null
 * @param code       the error body's {@code error.code} (or {@code type}), or null
 * @param message    the error body's message as one safe line (no key, no query string), or null when 2xx
 */
public record ApiReply(int status, byte[] body, Duration retryAfter, String requestId, String code, String message) {

    /** True for a 2xx status. */
    public boolean ok() { return status >= 200 && status < 300; }
}
