package dev.promptbench.sim;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Azure-style admission control for the simulator: per deployment, a request bucket holding one
 * second's worth of the RPM limit (at least one request) and a token bucket holding ten seconds'
 * worth of the TPM limit, both refilled continuously at their per-minute rate. A request is charged
 * when it is admitted, as Azure charges it: its estimated prompt tokens plus its max tokens for each
 * of its n choices, not the tokens the answer turns out to use. A refused request is charged nothing.
 *
 * <p>Why buckets and not a per-minute counter: Azure enforces RPM over one- to ten-second windows, so a
 * 600-RPM deployment refuses the eleventh request within a second although the minute is far from
 * used up. A client that bursts must see that here too. Time comes from an injected clock, and the
 * limits' time scale speeds the refill, so tests run on a fake clock and benchmarks in seconds.
 */
final class RateLimiter {

    /**
     * Tokens reserved for a request that gives no max tokens. Azure reserves the model's context;
     * 4,096 stands in for it: large enough that leaving the limit out visibly costs throughput, small
     * enough that a modest TPM limit still admits such requests.
     */
    static final int DEFAULT_MAX_TOKENS = 4096;
    /** What the headers report when no limit is set: generous figures, as a large deployment shows. */
    static final int UNLIMITED_REQUESTS = 10_000;
    static final int UNLIMITED_TOKENS = 2_000_000;
    /** The request bucket holds this many seconds' worth of the RPM limit. */
    static final double REQUEST_BURST_SECONDS = 1;
    /** The token bucket holds this many seconds' worth of the TPM limit. */
    static final double TOKEN_BURST_SECONDS = 10;
    /** Beyond this many names, further deployments share one limit: client-chosen names must not grow memory. */
    private static final int MAX_DEPLOYMENTS = 1024;
    private static final double NANOS_PER_MINUTE = 60e9;

    private final SimulatorSettings.Limits limits;
    private final LongSupplier nanoTime;
    private final Map<String, Deployment> deployments = new ConcurrentHashMap<>();

    /**
     * @param limits   the limits of every deployment
     * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}, or a test's)
     */
    RateLimiter(SimulatorSettings.Limits limits, LongSupplier nanoTime) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * Admits or refuses {@code call}, charging its prompt tokens (as the limits count them) plus its
     * max tokens, as Azure charges at admission, not what the answer turns out to use.
     *
     * @param deployment the limit's key: the deployment name, or "" for the shared limit
     */
    Admission admit(String deployment, ChatCall call) {
        return admit(deployment, charge(call));
    }

    /** The tokens {@code call} is charged at admission: each of its n choices may use its max tokens. */
    long charge(ChatCall call) {
        return limits.counting().promptTokens(call)
                + (long) call.options().n() * (call.maxTokens() != null ? call.maxTokens() : DEFAULT_MAX_TOKENS);
    }

    /**
     * Admits or refuses one request.
     *
     * @param deployment the limit's key: the deployment name, or "" for the shared limit
     * @param tokens     the request's charge: estimated prompt tokens plus its max tokens
     */
    Admission admit(String deployment, long tokens) {
        if (!limits.active()) {
            return new Admission(true, null, 0, UNLIMITED_REQUESTS, UNLIMITED_REQUESTS - 1,
                    UNLIMITED_TOKENS, Math.max(0, UNLIMITED_TOKENS - tokens), limits.headers());
        }
        return deployment(deployment).admit(tokens, nanoTime.getAsLong());
    }

    private Deployment deployment(String name) {
        String key = deployments.size() >= MAX_DEPLOYMENTS && !deployments.containsKey(name) ? "" : name;
        return deployments.computeIfAbsent(key, k -> new Deployment(nanoTime.getAsLong()));
    }

    /** One deployment's buckets; the lock makes checking both and charging both one step. */
    private final class Deployment {
        private final int rpm = limits.requestsPerMinute();
        private final TokenBucket requests;
        private final TokenBucket tokens; // null when only requests are limited

        Deployment(long now) {
            double requestsPerNano = rpm * limits.timeScale() / NANOS_PER_MINUTE;
            this.requests = new TokenBucket(Math.max(1, rpm * REQUEST_BURST_SECONDS / 60), requestsPerNano, now);
            this.tokens = limits.tpm() == 0 ? null
                    : new TokenBucket(limits.tpm() * TOKEN_BURST_SECONDS / 60,
                            limits.tpm() * limits.timeScale() / NANOS_PER_MINUTE, now);
        }

        synchronized Admission admit(long charge, long now) {
            requests.refill(now);
            long waitRequests = requests.nanosUntil(1);
            long waitTokens = 0;
            if (tokens != null) {
                tokens.refill(now);
                waitTokens = tokens.nanosUntil(charge);
            }
            boolean admitted = waitRequests == 0 && waitTokens == 0;
            if (admitted) {
                requests.take(1);
                if (tokens != null) {
                    tokens.take(charge);
                }
            }
            // The later of the two waits is the one that decides; name its limit in the refusal.
            String exceeded = admitted ? null : waitTokens > waitRequests ? "tokens" : "requests";
            return new Admission(admitted, exceeded, Math.max(waitRequests, waitTokens), rpm,
                    requests.available(), limits.tpm(), tokens != null ? tokens.available() : 0, limits.headers());
        }
    }
}
