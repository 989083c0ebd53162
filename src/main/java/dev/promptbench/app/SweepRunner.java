package dev.promptbench.app;

import dev.promptbench.control.Sleeper;
import dev.promptbench.prompt.Prompt;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.prompt.PromptSource;
import dev.promptbench.results.ResultsWriter;
import dev.promptbench.results.RunConfig;
import dev.promptbench.results.RunHeader;
import dev.promptbench.report.SweepReport;
import dev.promptbench.run.CyclingSource;
import dev.promptbench.run.Dispatcher;
import dev.promptbench.run.ModeTimes;
import dev.promptbench.run.Plan;
import dev.promptbench.run.RequestTemplate;
import dev.promptbench.run.ResultSink;
import dev.promptbench.run.Router;
import dev.promptbench.run.RunControl;
import dev.promptbench.run.Ticker;
import dev.promptbench.stats.Knee;
import dev.promptbench.stats.ModeStatistics;
import dev.promptbench.stats.ModeSummary;
import dev.promptbench.stats.SweepStep;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the parallel mode at each concurrency step of a sweep, over one session, and finds where
 * throughput stops growing. Results go to one file: a {@code sweep_step} record before each step,
 * then its request and summary records.
 */
public final class SweepRunner {
    private final RunControl control;
    private final Sleeper sleeper;
    private final Ticker ticker = Ticker.system();

    public SweepRunner(RunControl control, Sleeper sleeper) {
        this.control = control;
        this.sleeper = sleeper;
    }

    /** The sweep's report, or null when the canary found the endpoint unusable (then {@code fatal} says why). */
    public record Outcome(SweepReport report, String fatal) {}

    public Outcome run(SweepSpec spec, RunListener listener)
            throws IOException, PromptFileException, InterruptedException {
        listener = IgnoredStream.watch(listener, spec.settings().stream());
        try (Session session = Session.open(spec.endpoints(), spec.simulator(), spec.client(), control, sleeper,
                ticker)) {
            RequestTemplate template = new RequestTemplate(spec.settings());
            Prompt firstPrompt;
            try (PromptSource source = spec.prompts().source()) {
                firstPrompt = source.next();
            }
            listener.notice("promptbench " + Version.current() + " · " + session.describe() + " · sweep "
                    + spec.steps() + " threads · " + spec.requests() + " requests a step"
                    + (spec.repeats() > 1 ? " × " + spec.repeats() + " repeats" : ""));
            Warmup.Running warming = spec.warmup()
                    ? session.warmUp(template.requestFor(firstPrompt), spec.steps().get(0)) : Warmup.Running.NONE;
            Canary.Verdict verdict = session.canary(template.canaryFor(firstPrompt), listener);
            if (verdict.fatalMessage() != null) {
                warming.close();
                return new Outcome(null, verdict.fatalMessage());
            }
            warming.await();

            Dispatcher dispatcher = new Dispatcher(session.responder(spec.retry()), template,
                    Router.single(session.first()), session.cooldown(), ticker);
            List<SweepStep> steps = new ArrayList<>();
            OutputFiles.Opened opened = spec.outputs().open(spec.outputs().results());
            try (ResultsWriter results = ResultsWriter.writingTo(opened.stream())) {
                listener.notice("results: " + opened.path());
                results.writeHeader(new RunHeader(Version.current(), Instant.now(), spec.prompts().displayName(),
                        spec.prompts().sha256(), spec.prompts().count(), session.simulated(), session.infos(),
                        config(spec), verdict.report()));
                for (int threads : spec.steps()) {
                    if (control.isCancelled()) break;
                    results.writeSweepStep(threads, spec.requests());
                    List<ModeSummary> repeats = new ArrayList<>();
                    for (int repeat = 0; repeat < spec.repeats() && !control.isCancelled(); repeat++) {
                        repeats.add(runStep(new Plan.Parallel(threads), repeat, spec, dispatcher, results, listener));
                    }
                    steps.add(SweepStep.of(threads, repeats));
                }
            }
            SweepReport report = new SweepReport(Version.current(), session.simulated(), session.infos().get(0),
                    spec.prompts().count(), spec.requests(), steps, Knee.of(steps), opened.path().toString());
            return new Outcome(report, control.cancelCause() == RunControl.Cause.FATAL_ENDPOINT
                    ? control.cancelReason() : null);
        }
    }

    private ModeSummary runStep(Plan plan, int repeat, SweepSpec spec, Dispatcher dispatcher, ResultsWriter results,
                                RunListener listener) throws PromptFileException, InterruptedException {
        listener.modeStarted(plan, repeat, spec.requests());
        ModeStatistics statistics = new ModeStatistics(plan, repeat);
        ResultSink sink = ResultSink.all(results, statistics, listener::result);
        ModeTimes times;
        try (PromptSource source = new CyclingSource(spec.prompts()::source, spec.requests())) {
            times = dispatcher.run(plan, repeat, source, sink, control);
        }
        ModeSummary summary = statistics.finish(times.wallNanos());
        results.writeSummary(summary);
        listener.modeFinished(summary);
        return summary;
    }

    private static RunConfig config(SweepSpec spec) {
        return new RunConfig("sweep", spec.steps().get(spec.steps().size() - 1), spec.settings().maxTokens(),
                spec.settings().temperature(), spec.settings().topP(), spec.settings().seed(), spec.settings().stream(),
                "ascending", spec.client().requestTimeout().toMillis(), spec.client().connectTimeout().toMillis());
    }
}
