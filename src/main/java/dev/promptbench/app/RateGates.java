package dev.promptbench.app;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.Outcome;
import dev.promptbench.control.AdaptiveLimit;
import dev.promptbench.control.AttemptListener;
import dev.promptbench.control.Budget;
import dev.promptbench.control.CalibratedCharge;
import dev.promptbench.control.ChargeCalibration;
import dev.promptbench.control.CooldownGate;
import dev.promptbench.control.EndpointBudgets;
import dev.promptbench.control.LimitListener;
import dev.promptbench.clock.Sleeper;
import dev.promptbench.control.TokenCharge;
import dev.promptbench.control.TokenEstimator;
import dev.promptbench.run.Admission;
import dev.promptbench.run.Router;
import dev.promptbench.clock.Ticker;
import dev.promptbench.run.WeightedRouter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rate control of one run, built from the endpoints and {@link RateControl}: a budget per
 * endpoint (its profile's {@code tpm}/{@code rpm}, else {@code --tpm}/{@code --rpm}; a token budget's charge
 * calibrated from that endpoint's answers), adaptive
 * concurrency when asked, the gate every request passes (adaptive slot, then the 429 cool-down, then
 * the budget, so the budget's pacing is the last thing before the send) and the router.
 */
final class RateGates {
    private final EndpointBudgets budgets;
    private final Map<String, CalibratedCharge> charges; // by endpoint name, for token budgets
    private final AdaptiveLimit adaptive; // null unless --adaptive
    private final Admission gate;
    private final Router router;
    private final boolean chargesTokens;

    private RateGates(EndpointBudgets budgets, Map<String, CalibratedCharge> charges, AdaptiveLimit adaptive,
                      Admission gate, Router router, boolean chargesTokens) {
        this.budgets = budgets;
        this.charges = Map.copyOf(charges);
        this.adaptive = adaptive;
        this.gate = gate;
        this.router = router;
        this.chargesTokens = chargesTokens;
    }

    /** Just the cool-down and the endpoints spread by weight: no budgets, fixed concurrency. */
    static RateGates plain(List<Endpoint> endpoints, CooldownGate cooldown, Ticker ticker) {
        EndpointBudgets none = new EndpointBudgets(Map.of());
        return new RateGates(none, Map.of(), null, cooldown, router(endpoints, none, ticker), false);
    }

    /**
     * @param threads  the most requests in flight (the adaptive limit's ceiling)
     * @param listener told every change of the adaptive limit
     */
    static RateGates of(List<Endpoint> endpoints, RateControl rate, int threads, CooldownGate cooldown,
                        Ticker ticker, Sleeper sleeper, LimitListener listener) {
        // The vocabulary is loaded only when some budget counts tokens, and then before anything is timed.
        TokenEstimator estimator = new TokenEstimator();
        TokenCharge charge = new TokenCharge(estimator);
        boolean tokens = rate.tpm() != null || endpoints.stream().anyMatch(e -> e.tpm() != null);
        if (tokens) {
            // Before the buckets exist: they start empty, and a second of loading must not fill them.
            estimator.load();
        }
        Map<String, Budget> byName = new LinkedHashMap<>();
        Map<String, CalibratedCharge> charges = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints) {
            Integer rpm = endpoint.rpm() != null ? endpoint.rpm() : rate.rpm();
            Integer tpm = endpoint.tpm() != null ? endpoint.tpm() : rate.tpm();
            if (tpm != null) {
                // Each deployment's service may count differently: each budget learns its own.
                CalibratedCharge calibrated = new CalibratedCharge(charge, new ChargeCalibration(tpm, ticker));
                charges.put(endpoint.name(), calibrated);
                byName.put(endpoint.name(), new Budget(rpm, tpm, calibrated, ticker, sleeper));
            } else if (rpm != null) {
                byName.put(endpoint.name(), new Budget(rpm, null, charge, ticker, sleeper));
            }
        }
        EndpointBudgets budgets = new EndpointBudgets(byName);
        AdaptiveLimit adaptive = rate.adaptive() ? new AdaptiveLimit(threads, ticker, listener) : null;
        Admission gate = Admission.both(cooldown, budgets);
        if (adaptive != null) {
            gate = Admission.both(adaptive, gate);
        }
        return new RateGates(budgets, charges, adaptive, gate, router(endpoints, budgets, ticker), tokens);
    }

    private static Router router(List<Endpoint> endpoints, EndpointBudgets budgets, Ticker ticker) {
        return endpoints.size() == 1 ? Router.single(endpoints.get(0))
                : new WeightedRouter(endpoints, ticker, budgets::waiting, WeightedRouter.DEFAULT_HALF_LIFE);
    }

    Admission gate() {
        return gate;
    }

    Router router() {
        return router;
    }

    /** Who hears each attempt: the adaptive limit, when there is one, and the token budget of its endpoint. */
    AttemptListener attempts() {
        AttemptListener calibrations = new AttemptListener() {
            @Override public void sending(Endpoint endpoint, ChatRequest attempt) {
                CalibratedCharge charge = endpoint == null ? null : charges.get(endpoint.name());
                if (charge != null) charge.sending(endpoint, attempt);
            }

            @Override public void attempted(Endpoint endpoint, ChatRequest attempt, Outcome outcome) {
                CalibratedCharge charge = endpoint == null ? null : charges.get(endpoint.name());
                if (charge != null) charge.attempted(endpoint, attempt, outcome);
            }
        };
        return adaptive == null ? calibrations
                : AttemptListener.both((endpoint, attempt, outcome) -> adaptive.observe(endpoint, outcome), calibrations);
    }

    /** What the token budget of {@code endpoint} has learnt of the service's charges, or null. */
    String calibration(Endpoint endpoint) {
        CalibratedCharge charge = endpoint == null ? null : charges.get(endpoint.name());
        return charge == null ? null : charge.calibration().describe();
    }

    /** Called as a mode starts: its budgets begin empty, so its first second is paced too. */
    void startMode() {
        budgets.drain();
    }

    /** True when some endpoint has a budget. */
    boolean budgeted() {
        return !budgets.isEmpty();
    }

    /** True when some budget charges tokens (so a missing max-tokens is worth a warning). */
    boolean chargesTokens() {
        return chargesTokens;
    }

    boolean adaptive() {
        return adaptive != null;
    }

    /** The budget of {@code endpoint}, or null. */
    Budget budgetOf(Endpoint endpoint) {
        return budgets.budgetOf(endpoint);
    }

    /** The adaptive limit now, or 0 without one. */
    int adaptiveLimit() {
        return adaptive == null ? 0 : adaptive.limit();
    }
}
