package dev.promptbench.app;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.ClientSettings;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.OpenAIResponder;
import dev.promptbench.control.AttemptListener;
import dev.promptbench.control.CooldownGate;
import dev.promptbench.control.LimitListener;
import dev.promptbench.control.RetryPolicy;
import dev.promptbench.control.RetryingResponder;
import dev.promptbench.control.Sleeper;
import dev.promptbench.results.CanaryReport;
import dev.promptbench.results.EndpointInfo;
import dev.promptbench.run.Gate;
import dev.promptbench.run.Router;
import dev.promptbench.run.RunControl;
import dev.promptbench.run.Ticker;
import dev.promptbench.sim.Simulator;
import dev.promptbench.sim.SimulatorSettings;
import dev.promptbench.sim.SimulatorTls;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The connection side of a run: the simulator when no endpoint is configured, the one shared HTTP
 * client, its warm-up and the canary, the retrying responder with its shared 429 cool-down, and the
 * rate control (budgets, adaptive concurrency, the router over several endpoints).
 */
final class Session implements AutoCloseable {
    private static final int WARMUP_REQUESTS = 300;
    private static final Duration WARMUP_BUDGET = Duration.ofSeconds(1);

    private final Simulator simulator;
    private final OpenAIResponder http;
    private final ClientSettings settings;
    private final List<Endpoint> endpoints;
    private final Sleeper sleeper;
    private final Ticker ticker;
    private final CooldownGate cooldown;
    private final RunControl control;
    private RateGates rates;

    private Session(Simulator simulator, OpenAIResponder http, ClientSettings settings, List<Endpoint> endpoints,
                    RunControl control,
                    Sleeper sleeper, Ticker ticker) {
        this.simulator = simulator;
        this.control = control;
        this.http = http;
        this.settings = settings;
        this.endpoints = endpoints;
        this.sleeper = sleeper;
        this.ticker = ticker;
        this.cooldown = new CooldownGate(ticker, () -> ThreadLocalRandom.current().nextDouble());
        this.rates = RateGates.plain(endpoints, cooldown, ticker);
    }

    /**
     * Starts the simulator if {@code endpoints} is empty (over HTTPS with a fresh self-signed certificate,
     * trusted by this run's client, when the client's network settings ask for it), and the HTTP client.
     */
    static Session open(List<Endpoint> endpoints, SimulatorSettings simulatorSettings, ClientSettings client,
                        RunControl control, Sleeper sleeper, Ticker ticker) throws IOException {
        Simulator simulator = null;
        ClientSettings clientSettings = client;
        if (endpoints.isEmpty()) {
            SimulatorTls tls = client.network().simulatorTls() ? SimulatorTls.generate(simulatorSettings.host()) : null;
            simulator = Simulator.start(simulatorSettings, tls);
            if (tls != null) {
                clientSettings = client.withNetwork(client.network().withTrustedCertificate(tls.certificate(),
                        "the simulator's self-signed certificate"));
            }
        }
        OpenAIResponder http;
        try {
            http = new OpenAIResponder(clientSettings);
        } catch (RuntimeException e) {
            if (simulator != null) simulator.close();
            throw e;
        }
        // After a cancel and its grace period, closing the client aborts the calls still in flight.
        control.onAbort(http::close);
        List<Endpoint> targets = simulator != null ? List.of(SimulatorEndpoint.at(simulator.baseUri())) : endpoints;
        return new Session(simulator, http, clientSettings, targets, control, sleeper, ticker);
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
        return target + " · " + ("http".equals(endpoint.chatUrl().getScheme()) ? "http/1.1" : "https");
    }

    /** Starts warming the client's code path against a private simulator, untimed, in the background. */
    Warmup.Running warmUp(ChatRequest request, int concurrency) {
        return new Warmup(WARMUP_REQUESTS, Math.max(1, Math.min(concurrency, 8)), WARMUP_BUDGET).start(settings, request);
    }

    /**
     * Sets up budgets and adaptive concurrency (before the canary, which is charged too: Azure counts
     * it like any request). Loads the tokenizer when a budget counts tokens.
     *
     * @param threads  the largest pool of the run (the adaptive limit's ceiling)
     * @param listener told each change of the adaptive limit
     */
    void control(RunSpec.RateControl rate, int threads, LimitListener listener) {
        rates = RateGates.of(endpoints, rate, threads, cooldown, ticker, sleeper, listener);
    }

    /** The rate control in force. */
    RateGates rates() {
        return rates;
    }

    /**
     * Sends the canary through the gate (so budgets charge it), each attempt bounded by {@code bound};
     * tells the listener what it found.
     */
    Canary.Verdict canary(ChatRequest request, Duration bound, int retries, RunListener listener)
            throws InterruptedException {
        Gate gate = rates.gate();
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
            Thread.interrupted();
            return verdict;
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
     * The responder the batch uses: retries around the shared client, 429s closing the shared gate,
     * every attempt told to adaptive concurrency when it is on.
     */
    RetryingResponder responder(RetryPolicy policy) {
        return responder(policy, AttemptListener.none());
    }

    /** As above, every attempt also told to {@code breaker}. */
    RetryingResponder responder(RetryPolicy policy, AttemptListener breaker) {
        AttemptListener rate = rates.attempts();
        return new RetryingResponder(http, policy, cooldown, sleeper, ticker,
                () -> ThreadLocalRandom.current().nextDouble(), (endpoint, request, attempt) -> {
                    rate.attempted(endpoint, request, attempt);
                    breaker.attempted(endpoint, request, attempt);
                }, control);
    }

    /** The gate every worker passes: adaptive slot, 429 cool-down, budget (only what is switched on). */
    Gate gate() {
        return rates.gate();
    }

    /** Where each request goes: the one endpoint, or several spread by weight, health and budget. */
    Router router() {
        return rates.router();
    }

    /** The gate every worker passes: closed while a 429's Retry-After runs. */
    CooldownGate cooldown() {
        return cooldown;
    }

    /** The endpoints as reports show them, with the protocol the last response used. */
    List<EndpointInfo> infos() {
        String protocol = http.lastProtocol();
        return endpoints.stream().map(e -> EndpointInfo.of(e, protocol)).toList();
    }

    @Override
    public void close() {
        http.close();
        if (simulator != null) simulator.close();
    }
}
