package dev.promptbench.app;

import dev.promptbench.clock.Clocks;
import dev.promptbench.control.Breaker;
import dev.promptbench.prompt.Prompt;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.prompt.PromptSource;
import dev.promptbench.report.RebuiltReport;
import dev.promptbench.report.RunReport;
import dev.promptbench.report.SavedRun;
import dev.promptbench.results.BreakerTrip;
import dev.promptbench.results.CanaryReport;
import dev.promptbench.results.EndpointInfo;
import dev.promptbench.results.ResultsFileException;
import dev.promptbench.results.ResultsWriter;
import dev.promptbench.results.RunConfig;
import dev.promptbench.results.RunHeader;
import dev.promptbench.results.RunKind;
import dev.promptbench.results.request.Mode;
import dev.promptbench.results.request.ResultSink;
import dev.promptbench.results.request.ThrottleCause;
import dev.promptbench.run.Dispatcher;
import dev.promptbench.run.LimitedSource;
import dev.promptbench.run.ModeTimes;
import dev.promptbench.run.Plan;
import dev.promptbench.run.RequestTemplate;
import dev.promptbench.run.RunControl;
import dev.promptbench.run.SkippingSource;
import dev.promptbench.stats.ModeStatistics;
import dev.promptbench.stats.ModeSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a validated batch from start to end: the simulator when no endpoint is set, warm-up,
 * canary, then each mode in turn through the dispatcher, results to the file and statistics as
 * they complete. Prints nothing: everything a person should see goes to the listener.
 */
public final class BatchRunner {
    private final RunControl control;
    private final Clocks clocks;

    /** {@code control} stops the run (Ctrl-C, a fatal endpoint); {@code clocks} keep its time. */
    public BatchRunner(RunControl control, Clocks clocks) {
        this.control = control;
        this.clocks = clocks;
    }

    public BatchResult run(RunSpec spec, RunListener listener)
            throws IOException, PromptFileException, InterruptedException {
        StartupOverhead overhead = StartupOverhead.sinceProcessStart(clocks.ticker(), clocks.wall());
        listener = IgnoredStream.watch(listener, spec.settings().stream());
        RequestTemplate template = new RequestTemplate(spec.settings());
        Prompt firstPrompt = spec.prompts().first();
        LimitLog limits = new LimitLog();
        // The warm-up runs beside the rate set-up and the canary; the first timed request waits for it.
        try (Session session = Session.open(spec.session(), template.requestFor(firstPrompt), spec.threads(), limits,
                control, clocks)) {
            Canary.Verdict verdict = session.begin(firstLine(session, spec), template.canaryFor(firstPrompt), listener,
                    spec.settings().maxTokens());
            if (verdict.fatalMessage() != null) return BatchResult.fatalCanary(verdict.fatalMessage());
            if (verdict.cancelled()) {
                return BatchResult.stoppedBeforeBatch(control.cancelCause());
            }
            CanaryReport canary = verdict.report();
            session.awaitWarmup();
            // The circuit breaker: an endpoint that stops answering every worker stops the run (exit 4).
            Breaker breaker = new Breaker(spec.session().breaker(), trip -> control.cancel(
                    RunControl.Cause.FATAL_ENDPOINT, trip.describe() + "; the rest is recorded not_run, and --resume "
                            + spec.outputs().results().path() + " finishes it"));
            Dispatcher dispatcher = session.dispatcher(template, breaker);
            List<EndpointInfo> infos = session.infos();
            boolean simulated = session.simulated();
            RunHeader header = new RunHeader(Version.current(), clocks.wall().instant(), new RunHeader.Prompts(
                    spec.prompts().displayName(), spec.prompts().sha256(), spec.prompts().count()), simulated, infos,
                    config(spec), canary)
                    .withSettings(RunSettings.of(spec));
            Map<Mode, List<ModeSummary>> summaries = new LinkedHashMap<>();
            AtomicLong firstTimed = new AtomicLong(Long.MIN_VALUE);
            Path resultsPath = runPasss(spec, header, dispatcher, new RateReport(session, limits), listener,
                    summaries, firstTimed, breaker);

            // A resumed run's report covers every session of it, so no one process's start-up overhead.
            RunReport report = spec.resume() != null ? wholeRun(resultsPath, listener)
                    : RunReport.of(Version.current(), simulated, infos, header.config(), spec.prompts().count(),
                            resultsPath.toString(), summaries).withOverheadMs(
                                    firstTimed.get() == Long.MIN_VALUE ? null : overhead.untilMs(firstTimed.get()));
            if (report.comparison() != null && report.comparison().errorCountsDiffer()) {
                listener.notice("warning: the modes ended with different error counts, so no speedup is given");
            }
            return new BatchResult(report, control.cancelCause(), control.cancelReason());
        }
    }

    /**
     * The report of a resumed run: the whole file, every session of it, read back as {@code report} reads
     * it, so every output and threshold covers the whole run and {@code report} later prints the same.
     */
    private static RunReport wholeRun(Path resultsPath, RunListener listener) throws IOException {
        try {
            RebuiltReport rebuilt = SavedRun.read(resultsPath);
            rebuilt.notices().forEach(listener::notice);
            return rebuilt.report();
        } catch (ResultsFileException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Runs every pass, adding each mode's summaries to {@code summaries}; returns the results file written. */
    private Path runPasss(RunSpec spec, RunHeader header, Dispatcher dispatcher, RateReport rates,
                         RunListener listener, Map<Mode, List<ModeSummary>> summaries, AtomicLong firstTimed,
                         Breaker breaker)
            throws IOException, PromptFileException, InterruptedException {
        OutputFiles.Opened opened = spec.resume() == null ? spec.outputs().open(spec.outputs().results())
                : spec.outputs().append(spec.outputs().results(), spec.resume().validBytes());
        try (ResultsWriter results = openResults(spec, header, opened)) {
            listener.notice((spec.resume() != null ? "appending to: " : "results: ") + opened.path());
            List<Pass> passes = Pass.schedule(spec.schedule().plans(), spec.schedule().repeats(), spec.schedule().order());
            if (spec.schedule().warmupRequests() > 0 && !passes.isEmpty()) {
                sendWarmupRequests(spec, passes.get(0), dispatcher, rates.gates(), results);
            }
            for (Pass pass : passes) {
                if (control.isCancelled()) break;
                Mode mode = pass.plan().mode();
                BitSet done = spec.resume() == null ? new BitSet() : spec.resume().done().get(mode);
                int remaining = spec.prompts().count() - done.cardinality();
                if (remaining == 0) {
                    listener.notice(mode.wireName() + ": every prompt already done in the resumed file");
                    continue;
                }
                breaker.startMode();
                ModeSummary summary = runPass(pass, remaining, done, spec, dispatcher, results, rates, listener,
                        firstTimed);
                Breaker.Trip trip = breaker.trip();
                if (trip != null) {
                    results.writeBreaker(new BreakerTrip(mode, pass.repeat(), trip.failures(),
                            trip.lastKind(), trip.lastMessage(), trip.endpoint()));
                }
                if (summary.attempts().rateLimited(ThrottleCause.QUOTA_EXHAUSTED) > 0
                        && control.cancelCause() == RunControl.Cause.FATAL_ENDPOINT) {
                    results.writeStop(mode.wireName(), pass.repeat(), ThrottleCause.QUOTA_EXHAUSTED.wireName(),
                            control.cancelReason());
                }
                summaries.computeIfAbsent(mode, m -> new ArrayList<>()).add(summary);
                results.writeSummary(summary);
            }
        }
        return opened.path();
    }

    /** Real requests sent before anything is measured; recorded with "warmup": true. */
    private void sendWarmupRequests(RunSpec spec, Pass first, Dispatcher dispatcher, RateGates rates,
                                    ResultsWriter results)
            throws PromptFileException, InterruptedException {
        try (PromptSource source = new LimitedSource(spec.prompts().source(), spec.schedule().warmupRequests())) {
            rates.startMode();
            dispatcher.run(first.plan(), 0, true, source, priced(spec, results), control);
        }
    }

    private static ResultsWriter openResults(RunSpec spec, RunHeader header, OutputFiles.Opened opened)
            throws IOException {
        ResultsWriter results = ResultsWriter.writingTo(opened.stream());
        if (spec.resume() == null) {
            results.writeHeader(header);
            return results;
        }
        Map<String, Integer> remaining = new LinkedHashMap<>();
        for (Plan plan : spec.schedule().plans()) {
            remaining.put(plan.mode().wireName(),
                    spec.prompts().count() - spec.resume().done().get(plan.mode()).cardinality());
        }
        results.writeResume(header, remaining);
        return results;
    }

    /** Runs one pass; {@code firstTimed} gets the first timed request's dispatch time if it has none yet. */
    private ModeSummary runPass(Pass pass, int prompts, BitSet done, RunSpec spec, Dispatcher dispatcher,
                               ResultsWriter results, RateReport rates, RunListener listener, AtomicLong firstTimed)
            throws PromptFileException, InterruptedException {
        listener.modeStarted(pass.plan(), pass.repeat(), prompts);
        ModeStatistics statistics = pass.plan().statistics(pass.repeat());
        rates.gates().startMode();
        RateReport.Tally tally = rates.startPass(clocks.ticker().nanoTime());
        ResultSink sink = priced(spec, ResultSink.all(results, statistics, tally, listener::result));
        ModeTimes times;
        try (PromptSource source = new SkippingSource(spec.prompts().source(), done)) {
            times = dispatcher.run(pass.plan(), pass.repeat(), source, sink, control);
        }
        firstTimed.compareAndSet(Long.MIN_VALUE, times.firstDispatchNanos());
        ModeSummary summary = statistics.finish(times.wallNanos());
        rates.finishPass(pass.plan().mode(), pass.repeat(), tally, summary, results).forEach(listener::notice);
        listener.modeFinished(summary);
        return summary;
    }

    /** Every record priced before it is written or counted. */
    private static ResultSink priced(RunSpec spec, ResultSink downstream) {
        return spec.pricing().pricing(downstream, spec.settings().serviceTier(), false);
    }

    /** The first line: what we talk to, so nobody mistakes a simulated run for a real one. */
    private static String firstLine(Session session, RunSpec spec) {
        int prompts = spec.prompts().count();
        boolean parallel = spec.schedule().plans().stream().anyMatch(p -> p.mode() == Mode.PARALLEL);
        return "promptbench " + Version.current() + " · " + session.describe() + " · " + prompts
                + (prompts == 1 ? " prompt" : " prompts") + " · " + spec.schedule().mode().wireName()
                + (parallel ? " · " + spec.threads() + " threads" : "");
    }

    private static RunConfig config(RunSpec spec) {
        return new RunConfig(RunKind.valueOf(spec.schedule().mode().name()), spec.threads(),
                spec.settings().sampling(), spec.settings().stream(), spec.schedule().order().wireName(),
                new RunConfig.Timeouts(spec.session().client().requestTimeout().toMillis(),
                        spec.session().client().connectTimeout().toMillis()),
                spec.settings().serviceTier(), spec.pricing().describe());
    }
}
