package dev.promptbench.app;

import dev.promptbench.clock.Clocks;
import dev.promptbench.control.Breaker;
import dev.promptbench.prompt.Prompt;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.prompt.PromptSource;
import dev.promptbench.report.SweepReport;
import dev.promptbench.results.BreakerTrip;
import dev.promptbench.results.CanaryReport;
import dev.promptbench.results.ResultsWriter;
import dev.promptbench.results.RunConfig;
import dev.promptbench.results.RunHeader;
import dev.promptbench.results.RunKind;
import dev.promptbench.results.request.Mode;
import dev.promptbench.results.request.ResultSink;
import dev.promptbench.results.request.ThrottleCause;
import dev.promptbench.run.CyclingSource;
import dev.promptbench.run.Dispatcher;
import dev.promptbench.run.ModeTimes;
import dev.promptbench.run.Plan;
import dev.promptbench.run.RequestTemplate;
import dev.promptbench.run.RunControl;
import dev.promptbench.stats.Knee;
import dev.promptbench.stats.ModeStatistics;
import dev.promptbench.stats.ModeSummary;
import dev.promptbench.stats.SweepStep;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs the parallel mode at each concurrency step of a sweep, over one session, and finds where
 * throughput stops growing. Results go to one file: a {@code sweep_step} record before each step,
 * then its request and summary records.
 */
public final class SweepRunner {
    private final RunControl control;
    private final Clocks clocks;

    /** {@code control} stops the run (Ctrl-C, a fatal endpoint); {@code clocks} keep its time. */
    public SweepRunner(RunControl control, Clocks clocks) {
        this.control = control;
        this.clocks = clocks;
    }

    /**
     * How a sweep ended.
     *
     * @param report  the sweep's report, or null when it never started
     * @param fatal   why the endpoint is unusable (the canary's verdict, the circuit breaker), or null
     * @param stopped why the sweep never started when a cancel (Ctrl-C) came during the canary, or null
     */
    public record Outcome(SweepReport report, String fatal, String stopped) {}

    public Outcome run(SweepSpec spec, RunListener listener)
            throws IOException, PromptFileException, InterruptedException {
        listener = IgnoredStream.watch(listener, spec.settings().stream());
        RequestTemplate template = new RequestTemplate(spec.settings());
        Prompt firstPrompt = spec.prompts().first();
        SweepPlan plan = spec.plan();
        try (Session session = Session.open(spec.session(), template.requestFor(firstPrompt), plan.maxThreads(),
                new LimitLog(), control, clocks)) {
            String what = plan.target() == null ? "sweep " + plan.steps() + " threads"
                    : "search " + plan.steps().get(0) + ".." + plan.maxThreads() + " threads for "
                            + plan.target().text();
            Canary.Verdict verdict = session.begin("promptbench " + Version.current() + " · " + session.describe()
                    + " · " + what + " · " + plan.requests() + " requests a step"
                    + (plan.repeats() > 1 ? " × " + plan.repeats() + " repeats" : ""), template.canaryFor(firstPrompt),
                    listener, spec.settings().maxTokens());
            if (verdict.fatalMessage() != null) return new Outcome(null, verdict.fatalMessage(), null);
            if (verdict.cancelled()) return new Outcome(null, null, Canary.Verdict.notStarted("sweep"));
            CanaryReport canary = verdict.report();
            session.awaitWarmup();

            // The same set-up as a run's: budgets (--tpm, --rpm) and the circuit breaker apply to a sweep too.
            Breaker breaker = new Breaker(spec.session().breaker(),
                    trip -> control.cancel(RunControl.Cause.FATAL_ENDPOINT, trip.describe()));
            Dispatcher dispatcher = session.dispatcher(template, breaker);
            StepOrder order = spec.plan().target() != null
                    ? new TargetSearch(spec.plan().target(), spec.plan().steps().get(0), spec.plan().steps().get(spec.plan().steps().size() - 1))
                    : new ListedSteps(spec.plan().steps(), spec.plan().untilSaturation());
            StepTime time = new StepTime(canary == null || canary.latencyMs() == null ? -1
                    : Math.round(canary.latencyMs() * 1e6));
            listener.notice(estimate(spec, time));
            List<SweepStep> steps = new ArrayList<>();
            List<Integer> notRun = new ArrayList<>();
            String stopped = null;
            long start = clocks.ticker().nanoTime();
            OutputFiles.Opened opened = spec.outputs().open(spec.outputs().results());
            try (ResultsWriter results = ResultsWriter.writingTo(opened.stream())) {
                listener.notice("results: " + opened.path());
                results.writeHeader(new RunHeader(Version.current(), clocks.wall().instant(),
                        new RunHeader.Prompts(spec.prompts().displayName(), spec.prompts().sha256(),
                                spec.prompts().count()), session.simulated(), session.infos(), config(spec), canary));
                OptionalInt next;
                while (!control.isCancelled() && (next = order.next(steps)).isPresent()) {
                    int threads = next.getAsInt();
                    if (spec.plan().maxDuration() != null) {
                        long expected = time.predict(threads, spec.plan().requests(), spec.plan().repeats(), steps);
                        long left = spec.plan().maxDuration().toNanos() - (clocks.ticker().nanoTime() - start);
                        if (expected > left || left <= 0) {
                            notRun.addAll(order.planned(steps));
                            stopped = "stopped by --max-duration " + StepTime.show(spec.plan().maxDuration().toNanos())
                                    + ": the " + threads + "-thread step was expected to take "
                                    + (expected < 0 ? "an unknown time" : StepTime.show(expected)) + ", "
                                    + StepTime.show(Math.max(0, left)) + " were left";
                            break;
                        }
                    }
                    results.writeSweepStep(threads, spec.plan().requests());
                    List<ModeSummary> repeats = new ArrayList<>();
                    for (int repeat = 0; repeat < spec.plan().repeats() && !control.isCancelled(); repeat++) {
                        breaker.startMode();
                        repeats.add(runStep(new Plan.Parallel(threads), repeat, spec, dispatcher, results, listener));
                        Breaker.Trip trip = breaker.trip();
                        if (trip != null) {
                            // As a run records it: the results file says why the sweep stopped here.
                            results.writeBreaker(new BreakerTrip(Mode.PARALLEL, repeat, trip.failures(),
                                    trip.lastKind(), trip.lastMessage(), trip.endpoint()));
                        }
                    }
                    steps.add(SweepStep.of(threads, repeats));
                    if (!control.isCancelled()) {
                        timeLeft(order.planned(steps), spec, time, steps).ifPresent(listener::notice);
                    }
                }
                if (stopped == null && control.isCancelled()) {
                    // Ctrl-C or the circuit breaker: the step it cut is partial, the steps after it never ran.
                    notRun.addAll(order.planned(steps));
                    stopped = control.cancelCause() == RunControl.Cause.SIGNAL
                            ? "interrupted by " + control.cancelReason() : control.cancelReason();
                }
                if (stopped == null) {
                    stopped = order.stoppedEarly(steps);
                    if (stopped != null) notRun.addAll(order.planned(steps));
                }
            }
            TargetSearch.Recommendation recommendation = order instanceof TargetSearch search
                    ? search.recommend(steps.stream().filter(step -> !step.partial()).toList(),
                            stopped == null && !control.isCancelled()) : null;
            if (stopped != null) listener.notice("sweep " + stopped);
            List<SweepStep> ascending = steps.stream().sorted(Comparator.comparingInt(SweepStep::threads)).toList();
            SweepReport report = new SweepReport(Version.current(), session.simulated(), session.infos().get(0),
                    spec.prompts().count(), spec.plan().requests(), ascending, Knee.of(ascending), opened.path().toString(),
                    new SweepReport.Stop(stopped, notRun), recommendation == null ? null
                            : new SweepReport.Recommendation(recommendation.threads(), recommendation.evidence()));
            return new Outcome(report, control.cancelCause() == RunControl.Cause.FATAL_ENDPOINT
                    ? control.cancelReason() : null, null);
        }
    }

    /** The line printed before the first step: how long the sweep should take, and on what that rests. */
    private static String estimate(SweepSpec spec, StepTime time) {
        List<Integer> planned = spec.plan().target() == null ? spec.plan().steps() : doublings(spec.plan().steps());
        long total = time.total(planned, spec.plan().requests(), spec.plan().repeats());
        if (total < 0) return "estimated duration: unknown (the canary did not answer)";
        String text = "estimated duration: ~" + StepTime.show(total) + " for " + planned.size()
                + (planned.size() == 1 ? " step" : " steps") + " (from the canary's latency; the service decides)";
        if (spec.plan().target() != null) text += ", then a few bisection steps";
        if (spec.plan().untilSaturation()) text = text.replace("~", "at most ~");
        if (spec.plan().maxDuration() != null) text += "; capped at " + StepTime.show(spec.plan().maxDuration().toNanos());
        return text;
    }

    /** After a step: the time the planned steps left should take at most, from the throughput measured. */
    private static Optional<String> timeLeft(List<Integer> left, SweepSpec spec, StepTime time, List<SweepStep> done) {
        if (left.isEmpty()) return Optional.empty();
        long total = 0;
        for (int threads : left) {
            long one = time.predict(threads, spec.plan().requests(), spec.plan().repeats(), done);
            if (one < 0) return Optional.empty();
            total += one;
        }
        return Optional.of("estimated time left: at most ~" + StepTime.show(total) + " for " + left.size()
                + (left.size() == 1 ? " step" : " steps") + " (if more threads added no throughput)");
    }

    /** The counts a search doubles through, from the lowest step to the highest. */
    private static List<Integer> doublings(List<Integer> steps) {
        List<Integer> counts = new ArrayList<>();
        int high = steps.get(steps.size() - 1);
        for (long t = steps.get(0); ; t *= 2) {
            counts.add((int) Math.min(t, high));
            if (t >= high) break;
        }
        return counts;
    }

    private ModeSummary runStep(Plan plan, int repeat, SweepSpec spec, Dispatcher dispatcher, ResultsWriter results,
                                RunListener listener) throws PromptFileException, InterruptedException {
        listener.modeStarted(plan, repeat, spec.plan().requests());
        ModeStatistics statistics = plan.statistics(repeat);
        // Priced before it is written or counted, as a run's records are: each step has its cost.
        ResultSink sink = spec.pricing().pricing(ResultSink.all(results, statistics, listener::result),
                spec.settings().serviceTier(), false);
        ModeTimes times;
        try (PromptSource source = new CyclingSource(spec.prompts()::source, spec.plan().requests())) {
            times = dispatcher.run(plan, repeat, source, sink, control);
        }
        ModeSummary summary = statistics.finish(times.wallNanos());
        if (summary.attempts().rateLimited(ThrottleCause.QUOTA_EXHAUSTED) > 0
                && control.cancelCause() == RunControl.Cause.FATAL_ENDPOINT) {
            results.writeStop(plan.mode().wireName(), repeat, ThrottleCause.QUOTA_EXHAUSTED.wireName(),
                    control.cancelReason());
        }
        results.writeSummary(summary);
        listener.modeFinished(summary);
        return summary;
    }

    private static RunConfig config(SweepSpec spec) {
        return new RunConfig(RunKind.SWEEP, spec.plan().steps().get(spec.plan().steps().size() - 1),
                spec.settings().sampling(), spec.settings().stream(), "ascending",
                new RunConfig.Timeouts(spec.session().client().requestTimeout().toMillis(),
                        spec.session().client().connectTimeout().toMillis()),
                spec.settings().serviceTier(), spec.pricing().describe());
    }
}
