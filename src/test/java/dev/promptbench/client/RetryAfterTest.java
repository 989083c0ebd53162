package dev.promptbench.client;

import static dev.promptbench.client.ClientFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void millisecondsWinOverSeconds() {
        assertEquals(Duration.ofMillis(250), RetryAfter.parse("250", "6", NOW));
        assertEquals(Duration.ofNanos(1_500_000), RetryAfter.parse("1.5", null, NOW));
    }

    @Test
    void secondsWhenNoMilliseconds() {
        assertEquals(Duration.ofSeconds(6), RetryAfter.parse(null, " 6 ", NOW));
        assertEquals(Duration.ofMillis(500), RetryAfter.parse("", "0.5", NOW));
        assertEquals(Duration.ofSeconds(86_400), RetryAfter.parse(null, "86400", NOW));
    }

    @Test
    void httpDateIsMeasuredFromNow() {
        assertEquals(Duration.ofSeconds(90), RetryAfter.parse(null, "Thu, 01 Jan 2026 00:01:30 GMT", NOW));
        assertEquals(Duration.ZERO, RetryAfter.parse(null, "Wed, 31 Dec 2025 23:59:00 GMT", NOW));
    }

    @Test
    void unusableValuesAreIgnored() {
        assertNull(RetryAfter.parse(null, null, NOW));
        assertNull(RetryAfter.parse("-5", "soon", NOW));
        assertNull(RetryAfter.parse("NaN", "", NOW));
        assertEquals(Duration.ofSeconds(3), RetryAfter.parse("abc", "3", NOW));
    }
}
