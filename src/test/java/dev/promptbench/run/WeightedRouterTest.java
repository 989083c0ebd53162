package dev.promptbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.client.Answer;
import dev.promptbench.client.ApiKeyCredential;
import dev.promptbench.client.ApiStyle;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Timing;
import dev.promptbench.clock.Ticker;
import dev.promptbench.results.request.Attempts;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WeightedRouterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = now::get;

    private static Endpoint endpoint(String name, double weight) {
        return new Endpoint(name, ApiStyle.AZURE_DEPLOYMENT,
                URI.create("http://127.0.0.1:1/openai/deployments/" + name + "/chat/completions"), name, null,
                "max_completion_tokens", ApiKeyCredential.azureKey("k", "test"), false).withRates(weight, null, null);
    }

    private static final Timing TIMING = new Timing(1, 2, 3, 4);
    private static final Outcome OK = new Outcome.Success(new Outcome.Exchange(TIMING, 200, null), new Answer("",
            "stop", null, null));
    private static final Outcome SERVER_ERROR =
            new Outcome.Failure(new Outcome.Exchange(TIMING, 503, null), ErrorKind.SERVER_ERROR, "503", "busy", null);
    private static final Outcome RETRIED_429 = OK.withAttempts(new Attempts(2, 0, 1, 0));

    private Map<String, Integer> route(Router router, int requests) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            counts.merge(router.endpointFor(i).name(), 1, Integer::sum);
        }
        return counts;
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void spreadsByWeightEvenOverAShortRun() {
        Endpoint east = endpoint("east", 3);
        Endpoint west = endpoint("west", 1);
        WeightedRouter router = new WeightedRouter(List.of(east, west), ticker);
        assertEquals(Map.of("east", 6, "west", 2), route(router, 8));
        assertEquals(Map.of("east", 750, "west", 250), route(router, 1000));
    }

    @Test
    void trafficShiftsAwayFromAFailingDeploymentAndBack() {
        Endpoint east = endpoint("east", 1);
        Endpoint west = endpoint("west", 1);
        WeightedRouter router = new WeightedRouter(List.of(east, west), ticker);
        assertEquals(Map.of("east", 50, "west", 50), route(router, 100));

        // West answers 503s and 429s for a while.
        for (int i = 0; i < 3; i++) router.observe(west, SERVER_ERROR);
        router.observe(west, RETRIED_429);
        router.observe(east, OK);
        Map<String, Integer> during = route(router, 100);
        assertTrue(during.getOrDefault("west", 0) <= 10, "west gets little while it fails: " + during);

        // It recovers: its health heals with a 5 s half-life.
        advance(Duration.ofSeconds(5));
        Map<String, Integer> healing = route(router, 100);
        assertTrue(healing.get("west") > during.getOrDefault("west", 0) && healing.get("west") < 50,
                "west is coming back: " + healing);
        advance(Duration.ofSeconds(60));
        Map<String, Integer> after = route(router, 100);
        assertTrue(Math.abs(after.get("west") - 50) <= 1, "back to an even split: " + after);
    }

    @Test
    void aFailingDeploymentIsStillTriedSoItsRecoveryIsSeen() {
        Endpoint east = endpoint("east", 1);
        Endpoint west = endpoint("west", 1);
        WeightedRouter router = new WeightedRouter(List.of(east, west), ticker);
        for (int i = 0; i < 50; i++) router.observe(west, SERVER_ERROR);
        assertEquals(WeightedRouter.FLOOR_HEALTH, router.health(west), 1e-9);
        assertTrue(route(router, 1000).get("west") >= 40, "about 5% still goes to west");
    }

    @Test
    void anEndpointWithABacklogAtItsBudgetGetsLess() {
        Endpoint east = endpoint("east", 1);
        Endpoint west = endpoint("west", 1);
        Map<String, Integer> backlog = new HashMap<>(Map.of("east", 0, "west", 3));
        WeightedRouter router = new WeightedRouter(List.of(east, west), ticker,
                e -> backlog.get(e.name()), WeightedRouter.DEFAULT_HALF_LIFE);
        assertEquals(Map.of("east", 80, "west", 20), route(router, 100));
    }

    @Test
    void successesAndOtherEndpointsLeaveHealthAlone() {
        Endpoint east = endpoint("east", 1);
        WeightedRouter router = new WeightedRouter(List.of(east, endpoint("west", 1)), ticker);
        router.observe(east, OK);
        router.observe(endpoint("elsewhere", 1), SERVER_ERROR);
        assertEquals(1.0, router.health(east));
    }

    @Test
    void rejectsAnEmptyListAndDuplicateNames() {
        assertThrows(IllegalArgumentException.class, () -> new WeightedRouter(List.of(), ticker));
        assertThrows(IllegalArgumentException.class,
                () -> new WeightedRouter(List.of(endpoint("a", 1), endpoint("a", 2)), ticker));
    }
}
