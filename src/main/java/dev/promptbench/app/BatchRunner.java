package dev.promptbench.app;

import dev.promptbench.client.Endpoint;
import dev.promptbench.client.OpenAIResponder;
import dev.promptbench.prompt.Prompt;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.prompt.PromptSource;
import dev.promptbench.report.CanaryReport;
import dev.promptbench.report.EndpointInfo;
import dev.promptbench.report.ResultsFile;
import dev.promptbench.report.RunConfig;
import dev.promptbench.report.RunHeader;
import dev.promptbench.report.RunReport;
import dev.promptbench.run.Dispatcher;
import dev.promptbench.run.Gate;
import dev.promptbench.run.Mode;
import dev.promptbench.run.ModeTimes;
import dev.promptbench.run.Plan;
import dev.promptbench.run.RequestTemplate;
import dev.promptbench.run.ResultSink;
import dev.promptbench.run.Router;
import dev.promptbench.run.RunControl;
import dev.promptbench.run.Ticker;
import dev.promptbench.sim.Simulator;
import dev.promptbench.stats.Comparison;
import dev.promptbench.stats.ModeStatistics;
import dev.promptbench.stats.ModeSummary;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a validated batch from start to end: the simulator when no endpoint is set, warm-up,
 * canary, then each mode in turn through the dispatcher, results to the file and statistics as
 * they complete. Prints nothing: everything a person should see goes to the listener.
 */
public final class BatchRunner {
    private static final int WARMUP_REQUESTS = 400;
    private static final Duration WARMUP_BUDGET = Duration.ofMillis(1500);

    private final RunControl control;
    private final Sleeper sleeper;

    public BatchRunner(RunControl control, Sleeper sleeper) {
        this.control = control;
        this.sleeper = sleeper;
    }

    public BatchResult run(RunSpec spec, RunListener listener)
            throws IOException, PromptFileException, InterruptedException {
        try (Simulator simulator = spec.endpoints().isEmpty() ? Simulator.start(spec.simulator()) : null;
             OpenAIResponder responder = new OpenAIResponder(spec.client())) {
            List<Endpoint> endpoints = simulator != null
                    ? List.of(SimulatorEndpoint.at(simulator.baseUri())) : spec.endpoints();
            Endpoint first = endpoints.get(0);
            RequestTemplate template = new RequestTemplate(spec.settings());
            Prompt firstPrompt = firstPrompt(spec);

            if (spec.warmup()) {
                new Warmup(WARMUP_REQUESTS, Math.min(spec.threads(), 8), WARMUP_BUDGET)
                        .run(responder, template.requestFor(firstPrompt));
            }
            CanaryReport canary = null;
            if (spec.canary()) {
                Canary.Verdict verdict = new Canary(responder, sleeper).send(template.canaryFor(firstPrompt), first);
                if (verdict.fatalMessage() != null) return new BatchResult(null, verdict.fatalMessage());
                canary = verdict.report();
                if ("skipped".equals(canary.status())) {
                    listener.notice("warning: the canary request failed (" + canary.message()
                            + "); starting the batch anyway");
                }
            }
            String protocol = responder.lastProtocol();
            listener.notice(firstLine(first, simulator != null, spec, protocol));

            List<EndpointInfo> infos = endpoints.stream().map(e -> EndpointInfo.of(e, protocol)).toList();
            RunConfig config = config(spec);
            Map<Mode, ModeSummary> summaries = new LinkedHashMap<>();
            try (ResultsFile results = ResultsFile.create(spec.resultsPath(), spec.overwrite())) {
                listener.notice("results: " + spec.resultsPath());
                results.writeHeader(new RunHeader(Version.current(), Instant.now(), spec.prompts().displayName(),
                        spec.prompts().sha256(), spec.prompts().count(), simulator != null, infos, config, canary));
                Dispatcher dispatcher = new Dispatcher(responder, template, Router.single(first), Gate.open(),
                        Ticker.system());
                for (Plan plan : spec.plans()) {
                    if (control.isCancelled()) break;
                    ModeSummary summary = runMode(plan, spec, dispatcher, results, listener);
                    summaries.put(plan.mode(), summary);
                    results.writeSummary(summary);
                }
            }
            Comparison comparison = summaries.size() == 2
                    ? Comparison.of(summaries.get(Mode.SEQUENTIAL), summaries.get(Mode.PARALLEL)) : null;
            if (comparison != null && comparison.errorCountsDiffer()) {
                listener.notice("warning: the modes ended with different error counts, so no speedup is given");
            }
            RunReport report = new RunReport(Version.current(), simulator != null, infos.get(0), infos, config,
                    spec.prompts().count(), spec.threads(), spec.resultsPath().toString(), summaries, comparison);
            return new BatchResult(report, control.isCancelled() ? control.cancelReason() : null);
        }
    }

    private ModeSummary runMode(Plan plan, RunSpec spec, Dispatcher dispatcher, ResultsFile results,
                                RunListener listener) throws PromptFileException, InterruptedException {
        listener.modeStarted(plan, spec.prompts().count());
        ModeStatistics statistics = new ModeStatistics(plan.mode(), plan.workers());
        ResultSink sink = ResultSink.all(results, statistics, listener::result);
        ModeTimes times;
        try (PromptSource source = spec.prompts().source()) {
            times = dispatcher.run(plan, 0, source, sink, control);
        }
        ModeSummary summary = statistics.finish(times.wallNanos());
        listener.modeFinished(summary);
        return summary;
    }

    private static Prompt firstPrompt(RunSpec spec) throws PromptFileException {
        try (PromptSource source = spec.prompts().source()) {
            return source.next();
        }
    }

    private static String firstLine(Endpoint endpoint, boolean simulated, RunSpec spec, String protocol) {
        String target = simulated
                ? "simulator " + endpoint.origin() + " (no API calls, no cost)"
                : endpoint.kind() + " " + endpoint.origin() + " · "
                        + (endpoint.deployment() != null ? "deployment " + endpoint.deployment() : "model " + endpoint.model());
        int prompts = spec.prompts().count();
        return "promptbench " + Version.current() + " · " + target + " · " + (protocol == null ? "http" : protocol)
                + " · " + prompts + (prompts == 1 ? " prompt" : " prompts") + " · " + spec.modeName()
                + (spec.threads() > 1 || spec.plans().stream().anyMatch(p -> p.mode() == Mode.PARALLEL)
                        ? " · " + spec.threads() + " threads" : "");
    }

    private static RunConfig config(RunSpec spec) {
        return new RunConfig(spec.modeName(), spec.threads(), spec.settings().maxTokens(), spec.settings().temperature(),
                spec.settings().topP(), spec.settings().seed(), false, spec.order(),
                spec.client().requestTimeout().toMillis(), spec.client().connectTimeout().toMillis());
    }
}
