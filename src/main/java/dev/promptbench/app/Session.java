package dev.promptbench.app;

import dev.promptbench.client.Api;
import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.ClientSettings;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.OpenAIResponder;
import dev.promptbench.control.AttemptListener;
import dev.promptbench.control.CooldownGate;
import dev.promptbench.control.LimitListener;
import dev.promptbench.control.Budget;
import dev.promptbench.control.RetryingResponder;
import dev.promptbench.clock.Clocks;
import dev.promptbench.clock.Sleeper;
import dev.promptbench.control.TokenCharge;
import dev.promptbench.results.CanaryReport;
import dev.promptbench.results.EndpointInfo;
import dev.promptbench.run.Dispatcher;
import dev.promptbench.run.Admission;
import dev.promptbench.run.RequestTemplate;
import dev.promptbench.run.RunControl;
import dev.promptbench.clock.Ticker;
import dev.promptbench.sim.Simulator;
import dev.promptbench.sim.SimulatorTls;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The connection side of a run or a sweep, complete once opened: the simulator when no endpoint is
 * configured, the one shared HTTP client, its warm-up (started in the background), the rate control
 * (budgets, adaptive concurrency, the router over several endpoints) and the retrying responder with
 * its shared 429 cool-down. What is left to do is an action: the canary, then the dispatcher.
 */
final class Session implements AutoCloseable {
    private static final int WARMUP_REQUESTS = 300;
    private static final Duration WARMUP_BUDGET = Duration.ofSeconds(1);

    private final SessionSpec spec;
    private final Simulator simulator;
    private final OpenAIResponder http;
    private final List<Endpoint> endpoints;
    private final Sleeper sleeper;
    private final Ticker ticker;
    private final CooldownGate cooldown;
    private final Warmup.Running warming;
    private final RateGates rates;
    private final int threads;
    private final RunControl control;

    private Session(SessionSpec spec, Simulator simulator, OpenAIResponder http, List<Endpoint> endpoints,
                    Warmup.Running warming, int threads, LimitListener limits, RunControl control, Sleeper sleeper,
                    Ticker ticker) {
        this.spec = spec;
        this.control = control;
        this.simulator = simulator;
        this.http = http;
        this.endpoints = endpoints;
        this.warming = warming;
        this.threads = threads;
        this.sleeper = sleeper;
        this.ticker = ticker;
        this.cooldown = new CooldownGate(ticker, () -> ThreadLocalRandom.current().nextDouble());
        // Before the canary, which budgets charge too: Azure counts it like any request.
        this.rates = RateGates.of(endpoints, spec.rate(), threads, cooldown, ticker, sleeper, limits);
    }

    /**
     * Starts the simulator if no endpoint is configured (over HTTPS with a fresh self-signed certificate,
     * trusted by this run's client, when the network settings ask for it), the HTTP client, the warm-up
     * (in the background, beside the rate set-up and the canary) and the rate control. Loads the tokenizer
     * when a budget counts tokens.
     *
     * @param warmupRequest what the warm-up sends (the first prompt's request)
     * @param threads       the largest pool of the run: the adaptive limit's ceiling
     * @param limits        told each change of the adaptive limit
     */
    static Session open(SessionSpec spec, ChatRequest warmupRequest, int threads, LimitListener limits,
                        RunControl control, Clocks clocks) throws IOException {
        Sleeper sleeper = clocks.sleeper();
        Ticker ticker = clocks.ticker();
        // First of all: the warm-up's own simulator and client start beside this thread's set-up.
        Warmup.Running warming = spec.warmup()
                ? new Warmup(WARMUP_REQUESTS, Math.max(1, Math.min(threads, 8)), WARMUP_BUDGET, clocks)
                        .start(spec.client(), warmupRequest,
                                spec.endpoints().isEmpty() ? spec.api() : spec.endpoints().get(0).api())
                : Warmup.Running.NONE;
        Simulator simulator = null;
        OpenAIResponder http = null;
        try {
            ClientSettings client = spec.client();
            if (spec.endpoints().isEmpty()) {
                SimulatorTls tls = client.network().simulatorTls() ? SimulatorTls.generate(spec.simulator().host())
                        : null;
                simulator = Simulator.start(spec.simulator(), tls, clocks);
                if (tls != null) {
                    client = client.withNetwork(client.network().withTrustedCertificate(tls.certificate(),
                            "the simulator's self-signed certificate"));
                }
            }
            List<Endpoint> targets = simulator != null
                    ? List.of(SimulatorEndpoint.at(simulator.baseUri()).withApi(spec.api()))
                    : spec.endpoints();
            http = targets.stream().anyMatch(e -> "https".equalsIgnoreCase(e.chatUrl().getScheme()))
                    ? new OpenAIResponder(client, ticker, clocks.wall())
                    : OpenAIResponder.plainHttpOnly(client, ticker, clocks.wall());
            // After a cancel and its grace period, closing the client aborts the calls still in flight.
            control.onAbort(http::close);
            return new Session(spec, simulator, http, targets, warming, threads, limits, control, sleeper, ticker);
        } catch (IOException | RuntimeException e) {
            warming.close();
            if (http != null) http.close();
            if (simulator != null) simulator.close();
            throw e;
        }
    }

    boolean simulated() {
        return simulator != null;
    }

    Endpoint first() {
        return endpoints.get(0);
    }

    List<Endpoint> endpoints() {
        return endpoints;
    }

    /** What we talk to, for the first line: kind, host, deployment or model, protocol. */
    String describe() {
        Endpoint endpoint = first();
        String target = simulated()
                ? "simulator " + endpoint.origin() + " (no API calls, no cost)"
                : endpoint.kind() + " " + endpoint.origin() + " · "
                        + (endpoint.deployment() != null ? "deployment " + endpoint.deployment()
                                : "model " + endpoint.model());
        if (endpoints.size() > 1) {
            target += " + " + (endpoints.size() - 1) + (endpoints.size() == 2 ? " more endpoint" : " more endpoints");
        }
        // Plain http is always HTTP/1.1 here; over TLS the protocol is negotiated (the canary line says which).
        // The Responses API is named; chat completions, the default, goes without saying.
        String api = endpoint.api() == Api.CHAT ? "" : " · " + endpoint.api().wireName() + " API";
        return target + api + " · " + ("http".equals(endpoint.chatUrl().getScheme()) ? "http/1.1" : "https");
    }

    /**
     * The start a run and a sweep make alike: says {@code firstLine} (what they talk to) and what the rate
     * control does, then sends the canary when one is asked for and returns its verdict.
     */
    Canary.Verdict begin(String firstLine, ChatRequest probe, RunListener listener, Integer maxTokens)
            throws InterruptedException {
        listener.notice(firstLine);
        announceRates(listener, maxTokens);
        return spec.canary() == null ? Canary.NOT_SENT : canary(probe, listener);
    }

    /** Says what the rate control does, and warns when a token budget must guess the completion's size. */
    void announceRates(RunListener listener, Integer maxTokens) {
        if (rates.budgeted()) {
            for (Endpoint endpoint : endpoints) {
                Budget budget = rates.budgetOf(endpoint);
                if (budget == null) continue;
                listener.notice("budget" + (endpoints.size() > 1 ? " " + endpoint.name() : "") + ": "
                        + budget.requestsPerMinute() + " RPM"
                        + (budget.tokensPerMinute() == null ? "" : ", " + budget.tokensPerMinute() + " TPM")
                        + " (paced, bursts of at most one second's worth)");
            }
        }
        if (rates.chargesTokens() && maxTokens == null) {
            listener.notice("warning: no --max-tokens: Azure reserves the model's whole context for each request "
                    + "against TPM; the budget charges " + TokenCharge.DEFAULT_MAX_TOKENS
                    + " tokens for it (set --max-tokens to pace on what you really ask for)");
        }
        if (rates.adaptive()) {
            listener.notice("adaptive concurrency: 1.." + threads + " in flight, starting at " + rates.adaptiveLimit());
        }
    }

    /** Waits for the warm-up to end: the first measured request must not share the machine with it. */
    void awaitWarmup() throws IOException, InterruptedException {
        warming.await();
    }

    /** The rate control in force. */
    RateGates rates() {
        return rates;
    }

    /**
     * Sends the canary through the gate (so budgets charge it), each attempt bounded by the spec's canary
     * bound and retried as the retry policy says; tells the listener what it found. A probe limit below the
     * API's smallest (Azure's 16 for the Responses API) is raised to it.
     */
    Canary.Verdict canary(ChatRequest probe, RunListener listener) throws InterruptedException {
        int smallest = first().api().smallestMaxTokens();
        ChatRequest request = probe.maxTokens() != null && probe.maxTokens() < smallest
                ? new ChatRequest(probe.promptId(), probe.messages(), smallest, probe.fields(), probe.attempt(),
                        probe.stream())
                : probe;
        Duration bound = spec.canary();
        int retries = spec.retry().retries();
        Admission gate = rates.gate();
        Canary.Verdict verdict;
        // No request of the batch is in flight yet, so a cancel grants no grace: it aborts the canary's call
        // and wakes its back-off at once.
        Thread caller = Thread.currentThread();
        try (RunControl.Registration stop = control.whenCancelled(() -> {
            http.close();
            caller.interrupt();
        })) {
            gate.enter(request, first());
            try {
                verdict = new Canary(http.withCallTimeout(bound), sleeper, retries, bound).send(request, first());
            } finally {
                gate.leave(request, first(), null);
            }
        } catch (InterruptedException e) {
            if (!control.isCancelled()) throw e;
            verdict = Canary.cancelled();
        }
        if (control.isCancelled()) {
            // Whatever the call ended with (an answer, "interrupted"), the cancel came first: nothing may start.
            Thread.interrupted();
            return Canary.cancelled();
        }
        CanaryReport report = verdict.report();
        if (verdict.fatalMessage() == null && "skipped".equals(report.status())) {
            // The endpoint answered, only not well: the batch waits and retries such failures as usual.
            listener.notice("warning: the canary request failed (" + report.message() + ")");
        } else if (verdict.fatalMessage() == null && "ok".equals(report.status())) {
            String protocol = http.lastProtocol();
            listener.notice(String.format(Locale.ROOT, "canary: ok in %.0f ms over %s", report.latencyMs(), protocol)
                    + ("h2".equals(protocol) ? " (all requests share one connection: the pool size does not limit"
                            + " concurrency, the server's per-connection stream limit may)" : ""));
        }
        return verdict;
    }

    /**
     * The dispatcher of the measured requests: retries around the shared client (429s closing the shared
     * gate, every attempt told to adaptive concurrency when it is on, and to {@code breaker}), the router,
     * and the gate every worker passes (adaptive slot, 429 cool-down, budget: only what is switched on).
     */
    Dispatcher dispatcher(RequestTemplate template, AttemptListener breaker) {
        AttemptListener rate = rates.attempts();
        RetryingResponder responder = new RetryingResponder(http, spec.retry(), cooldown, sleeper, ticker,
                () -> ThreadLocalRandom.current().nextDouble(), (endpoint, request, attempt) -> {
                    rate.attempted(endpoint, request, attempt);
                    breaker.attempted(endpoint, request, attempt);
                }, control);
        return new Dispatcher(responder, template, rates.router(), rates.gate(), ticker);
    }

    /** The endpoints as reports show them, with the protocol the last response used. */
    List<EndpointInfo> infos() {
        String protocol = http.lastProtocol();
        return endpoints.stream().map(e -> e.info(protocol)).toList();
    }

    @Override
    public void close() {
        warming.close();
        http.close();
        if (simulator != null) simulator.close();
    }
}
