package dev.promptbench.run;

import dev.promptbench.clock.Ticker;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Spreads requests over several endpoints (Azure deployments) by weight, smooth weighted
 * round-robin, so even a short run gets the split its weights ask for. Each endpoint's weight is
 * scaled down while it struggles:
 * <ul>
 *   <li>by its <b>health</b>: every request that met a 429 or a 5xx there halves it (to no less than
 *       {@value #FLOOR_HEALTH}, so the endpoint is still tried and its recovery seen), and it heals
 *       back towards 1 with a half-life ({@link #DEFAULT_HALF_LIFE} by default);</li>
 *   <li>by its <b>backlog</b>: requests already waiting for its budget, so a deployment whose quota is
 *       used up gets less until its queue drains.</li>
 * </ul>
 */
public final class WeightedRouter implements Router {
    /** How fast a penalised endpoint heals: half its missing health back every this long. */
    public static final Duration DEFAULT_HALF_LIFE = Duration.ofSeconds(5);
    static final double FLOOR_HEALTH = 0.05;

    private final Endpoint[] endpoints;
    private final Ticker ticker;
    private final ToIntFunction<Endpoint> backlog;
    private final double halfLifeNanos;

    // Guarded by this.
    private final double[] current;
    private final double[] health;
    private final long[] healthAt;

    /** By weight and health only, no budgets, healing with {@link #DEFAULT_HALF_LIFE}. */
    public WeightedRouter(List<Endpoint> endpoints, Ticker ticker) {
        this(endpoints, ticker, endpoint -> 0, DEFAULT_HALF_LIFE);
    }

    /**
     * @param endpoints where to send, at least one, distinct names
     * @param ticker    the clock health heals by
     * @param backlog   requests waiting for an endpoint's budget right now (0 without a budget)
     * @param halfLife  how fast a penalised endpoint heals
     */
    public WeightedRouter(List<Endpoint> endpoints, Ticker ticker, ToIntFunction<Endpoint> backlog,
                          Duration halfLife) {
        if (endpoints == null || endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint is needed");
        }
        if (endpoints.stream().map(Endpoint::name).distinct().count() != endpoints.size()) {
            throw new IllegalArgumentException("endpoint names must be distinct");
        }
        if (halfLife == null || halfLife.isZero() || halfLife.isNegative()) {
            throw new IllegalArgumentException("halfLife must be longer than 0");
        }
        this.endpoints = endpoints.toArray(Endpoint[]::new);
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.backlog = Objects.requireNonNull(backlog, "backlog");
        this.halfLifeNanos = halfLife.toNanos();
        this.current = new double[this.endpoints.length];
        this.health = new double[this.endpoints.length];
        this.healthAt = new long[this.endpoints.length];
        java.util.Arrays.fill(health, 1.0);
    }

    @Override
    public synchronized Endpoint endpointFor(int promptIndex) {
        if (endpoints.length == 1) {
            return endpoints[0];
        }
        long now = ticker.nanoTime();
        double total = 0;
        int best = 0;
        for (int i = 0; i < endpoints.length; i++) {
            double effective = endpoints[i].weight() * healthNow(i, now) / (1 + Math.max(0, backlog.applyAsInt(endpoints[i])));
            current[i] += effective;
            total += effective;
            if (current[i] > current[best]) {
                best = i;
            }
        }
        current[best] -= total;
        return endpoints[best];
    }

    /** A request that met a 429 (on any attempt) or ended in a 5xx halves its endpoint's health. */
    @Override
    public synchronized void observe(Endpoint endpoint, Outcome outcome) {
        if (endpoint == null || outcome == null || !troubled(outcome)) {
            return;
        }
        for (int i = 0; i < endpoints.length; i++) {
            if (endpoints[i].name().equals(endpoint.name())) {
                long now = ticker.nanoTime();
                health[i] = Math.max(FLOOR_HEALTH, healthNow(i, now) / 2);
                healthAt[i] = now;
                return;
            }
        }
    }

    /** The health of {@code endpoint} now, 0.05 to 1 (1 for an unknown name): for tests and reports. */
    public synchronized double health(Endpoint endpoint) {
        for (int i = 0; i < endpoints.length; i++) {
            if (endpoints[i].name().equals(endpoint.name())) {
                return healthNow(i, ticker.nanoTime());
            }
        }
        return 1;
    }

    private static boolean troubled(Outcome outcome) {
        if (outcome.attempts() != null && outcome.attempts().rateLimited() > 0) {
            return true;
        }
        return outcome instanceof Outcome.Failure failure
                && (failure.kind() == ErrorKind.RATE_LIMITED || failure.kind() == ErrorKind.SERVER_ERROR);
    }

    /** Health heals exponentially: the missing part halves every half-life. */
    private double healthNow(int i, long now) {
        if (health[i] >= 1) {
            return 1;
        }
        double elapsed = Math.max(0, now - healthAt[i]);
        return 1 - (1 - health[i]) * Math.pow(0.5, elapsed / halfLifeNanos);
    }
}
