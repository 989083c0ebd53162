package dev.promptbench.control;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.Outcome;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * One endpoint's token charge as its budget uses it: the {@link TokenCharge} estimate times what the
 * {@link ChargeCalibration} has learnt the service really charges. It hears that endpoint's attempts.
 */
public final class CalibratedCharge implements ToLongFunction<ChatRequest>, AttemptListener {
    /** Estimates kept for requests still being tried, at most (a retry's estimate is the first's). */
    private static final int MOST_REMEMBERED = 4096;

    private final ToLongFunction<ChatRequest> estimate;
    private final ChargeCalibration calibration;
    /** Estimates by messages array (shared by a request's attempts), so each prompt is counted once. */
    private final Map<Object, Long> estimates = new IdentityHashMap<>();

    /**
     * @param estimate    the uncorrected charge ({@link TokenCharge})
     * @param calibration what this endpoint's service has been seen to charge
     */
    public CalibratedCharge(ToLongFunction<ChatRequest> estimate, ChargeCalibration calibration) {
        this.estimate = Objects.requireNonNull(estimate, "estimate");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
    }

    /** The estimate corrected by the factor learnt so far, at least 1. */
    @Override
    public long applyAsLong(ChatRequest request) {
        return Math.max(1, Math.round(estimateOf(request) * calibration.factor()));
    }

    /** The calibration this charge reads. */
    public ChargeCalibration calibration() {
        return calibration;
    }

    @Override
    public void sending(Endpoint endpoint, ChatRequest attempt) {
        calibration.sending(attempt);
    }

    @Override
    public void attempted(Endpoint endpoint, ChatRequest attempt, Outcome outcome) {
        long charge = estimateOf(attempt);
        if (outcome instanceof Outcome.Success) {
            forget(attempt);
        }
        calibration.attempted(attempt, charge, outcome);
    }

    private long estimateOf(ChatRequest request) {
        Object key = request.messages();
        if (key == null) {
            return estimate.applyAsLong(request);
        }
        synchronized (estimates) {
            Long known = estimates.get(key);
            if (known != null) {
                return known;
            }
        }
        long computed = estimate.applyAsLong(request);
        synchronized (estimates) {
            if (estimates.size() >= MOST_REMEMBERED) {
                estimates.clear(); // requests that ended in failure are never forgotten one by one
            }
            estimates.put(key, computed);
        }
        return computed;
    }

    private void forget(ChatRequest request) {
        synchronized (estimates) {
            estimates.remove(request.messages());
        }
    }
}
