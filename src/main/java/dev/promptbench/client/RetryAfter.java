package dev.promptbench.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads how long a 429 or 503 asks the client to wait, from the response headers. */
final class RetryAfter {

    private RetryAfter() {}

    /**
     * The wait, preferring {@code retry-after-ms} (milliseconds, Azure) over {@code retry-after}
     * (seconds or an HTTP-date, RFC 9110); null when neither header holds a usable value.
     *
     * @param retryAfterMs the {@code retry-after-ms} header or null
     * @param retryAfter   the {@code retry-after} header or null
     * @param now          the wall-clock time an HTTP-date is measured from
     */
    static Duration parse(String retryAfterMs, String retryAfter, Instant now) {
        Double millis = number(retryAfterMs);
        if (millis != null) {
            return Duration.ofNanos(Math.round(millis * 1_000_000d));
        }
        Double seconds = number(retryAfter);
        if (seconds != null) {
            return Duration.ofNanos(Math.round(seconds * 1_000_000_000d));
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return null;
        }
        try {
            Instant at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            // A date in the past means "now", not "never".
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    /** A non-negative finite number, or null. */
    private static Double number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            // Huge values stay huge (Math.round saturates): the retry policy decides to give up.
            return Double.isFinite(parsed) && parsed >= 0 ? parsed : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
