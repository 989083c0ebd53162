package dev.promptbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulator's token limit can count prompt tokens unlike usage does, and leave its headers out. */
class TokenCountingTest {

    private static ChatCall call(String messagesJson, int promptTokens, Integer maxTokens) {
        return new ChatCall("m", messagesJson, maxTokens, "", promptTokens, false, false);
    }

    private static RateLimiter limiter(SimulatorSettings.Limits limits) {
        return new RateLimiter(limits, () -> 0L);
    }

    @Test
    void wordsChargeThePromptTokensUsageReports() {
        ChatCall call = call("[{\"role\":\"user\",\"content\":\"hello there, world\"}]", 11, 100);
        assertEquals(111, limiter(new SimulatorSettings.Limits(0, 60_000, 1)).charge(call));
    }

    @Test
    void chars4ChargesAStartedTokenPerFourCharactersPlusTheFraming() {
        // 18 characters -> 5 tokens; framing: 3 per request + 4 per message.
        ChatCall call = call("[{\"role\":\"user\",\"content\":\"hello there, world\"}]", 11, 100);
        SimulatorSettings.Limits limits = new SimulatorSettings.Limits(0, 60_000, 1).withCounting(TokenCounting.CHARS4);
        assertEquals(3 + 4 + 5 + 100, limiter(limits).charge(call));
    }

    @Test
    void chars4CountsTextPartsJoinedAndEveryMessage() {
        // "abcd" + "\n" + "efgh" = 9 characters -> 3 tokens; "xy" -> 1; no max tokens -> 4,096 reserved.
        String messages = "[{\"role\":\"system\",\"content\":\"xy\"},{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"abcd\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"u\"}},"
                + "{\"type\":\"text\",\"text\":\"efgh\"}]}]";
        SimulatorSettings.Limits limits = new SimulatorSettings.Limits(0, 60_000, 1).withCounting(TokenCounting.CHARS4);
        assertEquals(3 + (4 + 1) + (4 + 3) + RateLimiter.DEFAULT_MAX_TOKENS, limiter(limits).charge(call(messages, 0, null)));
    }

    @Test
    void remainingStyleSendsOnlyTheRemainingPair() {
        SimulatorSettings.Limits limits = new SimulatorSettings.Limits(600, 60_000, 1)
                .withHeaders(RateLimitHeaderStyle.REMAINING);
        Map<String, String> headers = limiter(limits).admit("d", 100).headers();
        assertEquals("9", headers.get("x-ratelimit-remaining-requests"));
        assertEquals("9900", headers.get("x-ratelimit-remaining-tokens"));
        assertNull(headers.get("x-ratelimit-limit-requests"));
        assertNull(headers.get("x-ratelimit-limit-tokens"));
    }

    @Test
    void noneStyleSendsNoRateLimitHeadersButARefusalStillSaysWhenToRetry() {
        SimulatorSettings.Limits limits = new SimulatorSettings.Limits(60, 0, 1).withHeaders(RateLimitHeaderStyle.NONE);
        RateLimiter limiter = limiter(limits);
        assertTrue(limiter.admit("d", 1).headers().isEmpty());
        Admission refused = limiter.admit("d", 1);
        assertFalse(refused.admitted());
        assertEquals(Map.of("retry-after-ms", "1000", "retry-after", "1"), refused.headers());
    }

    @Test
    void theLimitsSayHowTheyCountAndWhatTheySend() {
        SimulatorSettings.Limits limits = new SimulatorSettings.Limits(0, 60_000, 1)
                .withCounting(TokenCounting.CHARS4).withHeaders(RateLimitHeaderStyle.NONE);
        assertEquals("limits per deployment 360 RPM (from TPM), 60000 TPM, prompt tokens counted as chars4, "
                + "rate-limit headers: none", limits.describe());
    }
}
