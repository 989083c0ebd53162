package dev.promptbench.sim;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Decides which requests fail on purpose and turns a normal answer into the failure.
 *
 * <p>The draw is keyed like the latency model's, by (seed, messages, attempt), but salted so that a
 * fault does not go with a particular latency: the same prompts fail in every run, in any order and on
 * any thread, and the client's retry (its next attempt) is a fresh draw that usually succeeds.
 */
final class FaultModel {

    /** Set apart from the latency draw, so which requests fail does not follow how slow they are. */
    private static final long SALT = 0x6a09e667f3bcc909L;
    /** What a slow-headers fault adds beyond doubling the planned time, so it shows even at zero latency. */
    static final Duration SLOW_HEADERS_EXTRA = Duration.ofMillis(500);
    /** The wait a 503 asks for, in limit-clock time (shortened by the time scale). */
    private static final long UNAVAILABLE_RETRY_MILLIS = 1000;

    private final double rate;
    private final List<FaultKind> kinds;
    private final long seed;
    private final long unavailableRetryMillis;

    FaultModel(SimulatorSettings settings) {
        this.rate = settings.faults().rate();
        this.kinds = settings.faults().kinds().stream().sorted().toList();
        this.seed = settings.seed() ^ SALT;
        this.unavailableRetryMillis =
                Math.max(1, Math.round(UNAVAILABLE_RETRY_MILLIS / settings.limits().timeScale()));
    }

    /** The fault for this request, or empty when it is answered normally. */
    Optional<FaultKind> draw(String messagesJson, int attempt) {
        if (rate == 0) {
            return Optional.empty();
        }
        SplittableRandom random = new SplittableRandom(LatencyModel.key(seed, messagesJson, attempt));
        if (random.nextDouble() >= rate) {
            return Optional.empty();
        }
        return Optional.of(kinds.get(random.nextInt(kinds.size())));
    }

    /**
     * The failure that replaces {@code answer}.
     *
     * @param answer the normal 200, headers and delay included
     * @param plan   the latency model's plan for the request
     * @param azure  true on the Azure routes, whose error bodies differ from OpenAI's
     */
    SimResponse apply(FaultKind kind, SimResponse answer, ServicePlan plan, boolean azure) {
        return switch (kind) {
            // The service failed while writing the answer: the client waited for the first token.
            case SERVER_ERROR -> ApiErrors.serverError(azure).withDelay(plan.firstToken());
            // An overloaded front door refuses at once.
            case UNAVAILABLE -> ApiErrors.unavailable(azure, unavailableRetryMillis);
            case RESET -> answer.cutMidBody();
            case MALFORMED -> answer.truncated();
            case SLOW_HEADERS -> answer.withDelay(plan.total().multipliedBy(2).plus(SLOW_HEADERS_EXTRA));
        };
    }
}
