package dev.promptbench.control;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.Outcome;
import dev.promptbench.run.Admission;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@link Budget} per endpoint (each Azure deployment has its own quota): a request waits only
 * for the budget of the endpoint it was routed to. Endpoints without a budget are not held.
 */
public final class EndpointBudgets implements Admission {
    private final Map<String, Budget> byEndpoint;

    /** @param byEndpoint budgets keyed by endpoint name; endpoints not named are not limited */
    public EndpointBudgets(Map<String, Budget> byEndpoint) {
        this.byEndpoint = Map.copyOf(new LinkedHashMap<>(byEndpoint));
    }

    /** True when no endpoint has a budget (the gate holds nobody). */
    public boolean isEmpty() {
        return byEndpoint.isEmpty();
    }

    /** The budget of {@code endpoint}, or null when it has none. */
    public Budget budgetOf(Endpoint endpoint) {
        return endpoint == null ? null : byEndpoint.get(endpoint.name());
    }

    /** Empties every budget's buckets (see {@link Budget#drain()}). */
    public void drain() {
        byEndpoint.values().forEach(Budget::drain);
    }

    /** Requests waiting for {@code endpoint}'s budget right now (0 without one). */
    public int waiting(Endpoint endpoint) {
        Budget budget = budgetOf(endpoint);
        return budget == null ? 0 : budget.waiting();
    }

    /**
     * Without an endpoint the request can only be charged when there is one budget to charge; with
     * several it is let through (the dispatcher always names the endpoint).
     */
    @Override
    public void enter(ChatRequest request) throws InterruptedException {
        if (byEndpoint.size() == 1) {
            byEndpoint.values().iterator().next().enter(request);
        }
    }

    @Override
    public void enter(ChatRequest request, Endpoint endpoint) throws InterruptedException {
        Budget budget = budgetOf(endpoint);
        if (budget != null) {
            budget.enter(request);
        }
    }

    @Override
    public void leave(ChatRequest request, Outcome outcome) {}
}
