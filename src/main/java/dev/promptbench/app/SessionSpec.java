package dev.promptbench.app;

import dev.promptbench.client.Api;
import dev.promptbench.client.ClientSettings;
import dev.promptbench.client.Endpoint;
import dev.promptbench.control.RetryPolicy;
import dev.promptbench.sim.SimulatorSettings;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a command's requests are sent, the same for a run and a sweep: where, through which client, with
 * which retries and rate control, and what is done before the first measured request.
 *
 * @param endpoints where to send; empty means the built-in simulator
 * @param simulator the simulator's settings, used when endpoints is empty
 * @param client    timeouts, connection pool and network settings
 * @param retry     how failed requests are retried
 * @param rate      budgets and adaptive concurrency ({@link RateControl#none()} for neither)
 * @param warmup    warm the client's code path (untimed, against a private simulator) first
 * @param canary    the bound of the canary (one request sent alone before the measured ones), or null to send none
 * @param breaker   connection failures or timeouts in a row, across workers, that stop the run
 *                  ({@link dev.promptbench.control.Breaker#OFF} for never)
 * @param api       the API the built-in simulator is spoken to through ({@code --api}); configured endpoints
 *                  carry their own
 * @param simulatorKnobs the simulator's knobs by flag as given ({@code --sim-ttft-median} to {@code 2s}, "none"
 *                  when not), for the results header; empty when not known
 */
public record SessionSpec(List<Endpoint> endpoints, SimulatorSettings simulator, ClientSettings client,
                          RetryPolicy retry, RateControl rate, boolean warmup, Duration canary, int breaker,
                          Api api, Map<String, String> simulatorKnobs) {

    public SessionSpec {
        endpoints = List.copyOf(endpoints);
        rate = rate != null ? rate : RateControl.none();
        api = api != null ? api : Api.CHAT;
        simulatorKnobs = simulatorKnobs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(simulatorKnobs));
    }

    /** A spec whose simulator is spoken to through chat completions, its knobs not recorded. */
    public SessionSpec(List<Endpoint> endpoints, SimulatorSettings simulator, ClientSettings client,
                       RetryPolicy retry, RateControl rate, boolean warmup, Duration canary, int breaker) {
        this(endpoints, simulator, client, retry, rate, warmup, canary, breaker, Api.CHAT, Map.of());
    }

    /** The canary's bound when {@code --canary-timeout} is not given: the smaller of the request timeout and 30 s. */
    public static Duration defaultCanaryBound(Duration requestTimeout) {
        return Canary.defaultBound(requestTimeout);
    }
}
