package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TokenCredentialTest {
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(START);

    /** Answers from a script of results; counts its calls. */
    private static final class ScriptedSource implements TokenSource {
        final Deque<Supplier<String>> answers = new ArrayDeque<>();
        final AtomicInteger calls = new AtomicInteger();

        ScriptedSource then(String token) {
            answers.add(() -> token);
            return this;
        }

        ScriptedSource thenFail(String message) {
            answers.add(() -> {
                throw new TokenException(message);
            });
            return this;
        }

        @Override
        public String fetch() {
            calls.incrementAndGet();
            return answers.isEmpty() ? "no-more-tokens" : answers.poll().get();
        }
    }

    @Test
    void fetchesOnFirstUseAndReusesTheTokenUntilFiveMinutesBeforeItExpires() {
        String first = Jwts.expiringAt(START.plus(Duration.ofHours(1)), "1");
        String second = Jwts.expiringAt(START.plus(Duration.ofHours(2)), "2");
        ScriptedSource source = new ScriptedSource().then(first).then(second);
        TokenCredential credential = TokenCredential.refreshing(source, "--token-command", clock);

        assertEquals(0, source.calls.get(), "nothing is run before the token is needed");
        assertEquals("Bearer " + first, credential.headerValue());
        clock.advance(Duration.ofMinutes(54));
        assertEquals("Bearer " + first, credential.headerValue());
        assertEquals(1, source.calls.get());

        clock.advance(Duration.ofMinutes(1)); // 5 minutes left
        assertEquals("Bearer " + second, credential.headerValue());
        assertEquals(2, source.calls.get());
        assertEquals("Authorization", credential.headerName());
    }

    @Test
    void anOpaqueTokenIsAssumedToLastAnHour() {
        ScriptedSource source = new ScriptedSource().then("opaque-1").then("opaque-2");
        TokenCredential credential = TokenCredential.refreshing(source, "--token-command", clock);

        assertEquals(Optional.empty(), credential.check());
        clock.advance(Duration.ofMinutes(54).plusSeconds(59));
        assertEquals("Bearer opaque-1", credential.headerValue());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("Bearer opaque-2", credential.headerValue());
    }

    @Test
    void aShortLivedTokenIsReplacedAtHalfItsLifetime() {
        ScriptedSource source = new ScriptedSource().then(Jwts.expiringAt(START.plusSeconds(120), "short"))
                .then("next");
        TokenCredential credential = TokenCredential.refreshing(source, "--token-command", clock);

        assertEquals(Optional.of(START.plusSeconds(120)), credential.check());
        clock.advance(Duration.ofSeconds(59));
        credential.headerValue();
        assertEquals(1, source.calls.get());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("Bearer next", credential.headerValue());
    }

    @Test
    void aFailedRefreshKeepsTheValidTokenRetriesLaterAndFailsOnceTheTokenExpired() {
        String first = Jwts.expiringAt(START.plus(Duration.ofHours(1)), "1");
        ScriptedSource source = new ScriptedSource().then(first).thenFail("--token-command failed (exit 1): offline")
                .thenFail("--token-command failed (exit 1): still offline")
                .thenFail("--token-command failed (exit 1): offline for good");
        TokenCredential credential = TokenCredential.refreshing(source, "--token-command", clock);
        credential.headerValue();

        clock.advance(Duration.ofMinutes(56));
        assertEquals("Bearer " + first, credential.headerValue(), "the old token is still good for 4 minutes");
        assertEquals("Bearer " + first, credential.headerValue());
        assertEquals(2, source.calls.get(), "not run again for every request");

        clock.advance(TokenCredential.RETRY_INTERVAL);
        credential.headerValue();
        assertEquals(3, source.calls.get(), "tried again after the retry interval");

        clock.advance(Duration.ofMinutes(5)); // expired now
        TokenException failure = assertThrows(TokenException.class, credential::headerValue);
        assertTrue(failure.getMessage().startsWith("--token-command failed"), failure.getMessage());
    }

    @Test
    void whileOneThreadRefreshesTheOthersKeepSendingTheStillValidToken() throws Exception {
        String first = Jwts.expiringAt(START.plus(Duration.ofHours(1)), "1");
        String second = Jwts.expiringAt(START.plus(Duration.ofHours(2)), "2");
        CountDownLatch refreshing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        TokenSource source = () -> {
            if (calls.incrementAndGet() == 1) {
                return first;
            }
            refreshing.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return second;
        };
        TokenCredential credential = TokenCredential.refreshing(source, "--token-command", clock);
        credential.headerValue();
        clock.advance(Duration.ofMinutes(57));

        CompletableFuture<String> refresher = CompletableFuture.supplyAsync(credential::headerValue);
        assertTrue(refreshing.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < 5; i++) {
            assertEquals("Bearer " + first, credential.headerValue(), "no waiting for the refresh");
        }
        release.countDown();
        assertEquals("Bearer " + second, refresher.get(10, TimeUnit.SECONDS));
        assertEquals("Bearer " + second, credential.headerValue());
        assertEquals(2, calls.get(), "one refresh, not one per thread");
    }

    @Test
    void aFixedTokenIsNeverRefreshedAndTellsItsExpiry() {
        Instant exp = Instant.parse("2030-01-01T00:00:00Z");
        String token = Jwts.expiringAt(exp, "fixed");
        TokenCredential credential = TokenCredential.fixed(token, "$AZURE_OPENAI_AD_TOKEN", Clock.systemUTC());

        assertFalse(credential.refreshes());
        assertEquals(Optional.of(exp), credential.check());
        assertEquals("Bearer " + token, credential.headerValue());
        assertEquals("bearer token from $AZURE_OPENAI_AD_TOKEN", credential.describe());
    }

    @Test
    void theTokenIsNeverInItsDescriptions() {
        String token = Jwts.expiringAt(START.plus(Duration.ofHours(1)), "SECRET");
        TokenCredential credential = TokenCredential.refreshing(() -> token, "--token-command", clock);
        credential.headerValue();

        assertEquals("bearer token from --token-command", credential.describe());
        assertFalse(credential.toString().contains("SECRET"), credential.toString());
        assertFalse(credential.toString().contains(token.substring(0, 20)), credential.toString());
    }

    @Test
    void jwtExpiryIsReadWithoutCheckingTheSignatureAndOpaqueTokensHaveNone() {
        Instant exp = Instant.parse("2026-03-01T01:02:03Z");
        assertEquals(Optional.of(exp), JwtExpiry.of(Jwts.expiringAt(exp, "x")));
        assertEquals(Optional.empty(), JwtExpiry.of("opaque"));
        assertEquals(Optional.empty(), JwtExpiry.of("a.b.c"));
        assertEquals(Optional.empty(), JwtExpiry.of("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")); // no exp
    }
}
