package dev.promptbench.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.client.Answer;
import dev.promptbench.client.ApiKeyCredential;
import dev.promptbench.client.ApiStyle;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Timing;
import dev.promptbench.results.request.Usage;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreakerTest {
    private static final Endpoint ENDPOINT = new Endpoint("default", ApiStyle.OPENAI,
            URI.create("http://127.0.0.1:1/v1/chat/completions"), null, "m", "max_tokens",
            ApiKeyCredential.bearer("k", "test"), false);

    private final List<Breaker.Trip> trips = new ArrayList<>();

    private static Outcome failure(ErrorKind kind, Integer status) {
        long now = System.nanoTime();
        return new Outcome.Failure(new Outcome.Exchange(new Timing(now, Timing.UNSET, Timing.UNSET, now + 1), status,
                null), kind, null, kind.wireName() + " happened", null);
    }

    private static Outcome success() {
        long now = System.nanoTime();
        return new Outcome.Success(new Outcome.Exchange(new Timing(now, now, now, now + 1), 200, null),
                new Answer("a", "stop", new Usage(1, 1), "m"));
    }

    private void feed(Breaker breaker, int times, Outcome outcome) {
        for (int i = 0; i < times; i++) breaker.attempted(ENDPOINT, null, outcome);
    }

    @Test
    void tripsOnceAfterThresholdConnectionFailuresInARow() {
        Breaker breaker = new Breaker(5, trips::add);
        feed(breaker, 4, failure(ErrorKind.CONNECT_FAILED, null));
        assertNull(breaker.trip());
        breaker.attempted(ENDPOINT, null, failure(ErrorKind.TIMEOUT, null));
        feed(breaker, 10, failure(ErrorKind.CONNECTION_LOST, null));

        assertEquals(1, trips.size());
        assertEquals(5, trips.get(0).failures());
        assertEquals("timeout", trips.get(0).lastKind());
        assertEquals("default", trips.get(0).endpoint());
        assertTrue(trips.get(0).describe().contains("5 connection failures or timeouts in a row"));
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() {
        Breaker breaker = new Breaker(5, trips::add);
        for (int round = 0; round < 10; round++) {
            feed(breaker, 4, failure(ErrorKind.CONNECT_FAILED, null));
            breaker.attempted(ENDPOINT, null, success());
        }
        assertNull(breaker.trip());
    }

    @Test
    void httpErrorAnswersNeitherCountNorReset() {
        Breaker breaker = new Breaker(3, trips::add);
        feed(breaker, 2, failure(ErrorKind.TIMEOUT, null));
        feed(breaker, 20, failure(ErrorKind.SERVER_ERROR, 503));
        feed(breaker, 20, failure(ErrorKind.RATE_LIMITED, 429));
        assertNull(breaker.trip());
        breaker.attempted(ENDPOINT, null, failure(ErrorKind.TIMEOUT, null));
        assertNotNull(breaker.trip());
    }

    @Test
    void offNeverTrips() {
        Breaker breaker = new Breaker(Breaker.OFF, trips::add);
        feed(breaker, 1_000, failure(ErrorKind.CONNECT_FAILED, null));
        assertNull(breaker.trip());
        assertTrue(trips.isEmpty());
    }

    @Test
    void aNewModeCountsAfresh() {
        Breaker breaker = new Breaker(3, trips::add);
        feed(breaker, 2, failure(ErrorKind.TIMEOUT, null));
        breaker.startMode();
        feed(breaker, 2, failure(ErrorKind.TIMEOUT, null));
        assertNull(breaker.trip());
    }

    @Test
    void theDefaultLeavesRoomForAWholePoolFailingTwice() {
        assertEquals(10, Breaker.defaultThreshold(1));
        assertEquals(10, Breaker.defaultThreshold(4));
        assertEquals(128, Breaker.defaultThreshold(64));
    }
}
