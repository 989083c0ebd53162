package dev.promptbench.sim;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decides which requests meet a 429 of a given cause on purpose ({@code --429-cause}) and writes it as
 * the services do. The draw is keyed like the faults' (seed, messages, attempt) with its own salt, so
 * a retry draws anew; an exhausted quota stays exhausted: once one request met it, every later one does.
 */
final class ThrottleModel {
    private static final long SALT = 0x3c6ef372fe94f82bL;
    /** The wait a rate or capacity 429 asks for, in limit-clock time (shortened by the time scale). */
    private static final long RETRY_MILLIS = 1000;
    /** What Azure asks a subscription whose quota is used up to wait: a day. */
    static final long QUOTA_RETRY_SECONDS = 86_400;

    private final List<Map.Entry<ThrottleKind, Double>> shares;
    private final long seed;
    private final long retryNanos;
    private final int limitRequests;
    private final int limitTokens;
    private final RateLimitHeaderStyle style;
    private final AtomicBoolean quotaGone = new AtomicBoolean();

    ThrottleModel(SimulatorSettings settings) {
        SimulatorSettings.Limits limits = settings.limits();
        this.shares = List.copyOf(limits.throttles().shares().entrySet());
        this.seed = settings.seed() ^ SALT;
        this.retryNanos = Math.max(1_000_000, Math.round(RETRY_MILLIS * 1e6 / limits.timeScale()));
        this.limitRequests = limits.active() ? limits.requestsPerMinute() : RateLimiter.UNLIMITED_REQUESTS;
        this.limitTokens = limits.tpm() > 0 ? limits.tpm() : RateLimiter.UNLIMITED_TOKENS;
        this.style = limits.headers();
    }

    /** The kind this request meets, or empty when it is served as usual. */
    Optional<ThrottleKind> draw(String messagesJson, int attempt) {
        if (shares.isEmpty()) return Optional.empty();
        if (quotaGone.get()) return Optional.of(ThrottleKind.QUOTA);
        double draw = new SplittableRandom(LatencyModel.key(seed, messagesJson, attempt)).nextDouble();
        double upTo = 0;
        for (Map.Entry<ThrottleKind, Double> share : shares) {
            upTo += share.getValue();
            if (draw < upTo) {
                if (share.getKey() == ThrottleKind.QUOTA) quotaGone.set(true);
                return Optional.of(share.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * The 429 of {@code kind} (never {@link ThrottleKind#SPILLOVER}, which is an answer).
     *
     * @param apiVersion the request's {@code api-version}, named in Azure's message
     * @param model      the deployment or model whose limit it is
     */
    SimResponse refuse(ThrottleKind kind, boolean azure, String apiVersion, String model) {
        return switch (kind) {
            case REQUESTS -> ApiErrors.rateLimited(azure, apiVersion, model, refusal("requests", limitRequests,
                    limitTokens));
            case TOKENS -> ApiErrors.rateLimited(azure, apiVersion, model, refusal("tokens", limitRequests,
                    limitTokens));
            // A cut: the limits the headers report fall to half of what every other answer reports.
            case CAPACITY -> ApiErrors.rateLimited(azure, apiVersion, model, refusal("tokens",
                    Math.max(1, limitRequests / 2), Math.max(1, limitTokens / 2)));
            case QUOTA -> ApiErrors.quotaExhausted(azure, apiVersion, QUOTA_RETRY_SECONDS);
            case FLEX -> ApiErrors.flexUnavailable(azure);
            case SPILLOVER -> throw new IllegalArgumentException("spillover is an answer, not a 429");
        };
    }

    /** The headers that mark an answer as spilled over from the provisioned deployment {@code deployment}. */
    static Map<String, String> spillover(String deployment) {
        return Map.of("x-ms-spillover-from-deployment", deployment, "x-ms-deployment-name", deployment + "-standard");
    }

    private Admission refusal(String exceeded, int requests, int tokens) {
        boolean onTokens = exceeded.equals("tokens");
        return new Admission(false, exceeded, retryNanos, requests, onTokens ? requests : 0, tokens,
                onTokens ? 0 : tokens, style);
    }
}
