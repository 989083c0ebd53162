package dev.promptbench.cli;

import dev.promptbench.app.OutputFiles;
import dev.promptbench.app.SweepPlan;
import dev.promptbench.app.SweepRunner;
import dev.promptbench.app.SweepSpec;
import dev.promptbench.app.SweepTarget;
import dev.promptbench.prompt.PromptFile;
import dev.promptbench.report.SweepWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code promptbench sweep}: the parallel mode at several concurrency levels, and where it stops paying. */
@Command(name = "sweep",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        modelTransformer = SimulatorOptions.AsSimFlags.class,
        usageHelpWidth = 100,
        description = {
            "Runs the parallel mode at each --threads step (at least --min-requests requests a step, cycling the "
                + "prompt file when it is shorter) and prints throughput, latency p50/p95, errors and 429s per step. "
                + "Names the knee: the step after which throughput grows by less than 10%%, p95 latency grows faster "
                + "than throughput, or errors or 429s appear. Prints its estimated duration first; --until saturation "
                + "stops at the knee, --max-duration caps it, --target searches for the most threads that meet a "
                + "latency target.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every request succeeded", "1:some requests failed", "2:usage or configuration error",
            "4:fatal endpoint error", "5:internal error", "130:interrupted (SIGINT)", "143:terminated (SIGTERM)"})
public final class SweepCommand implements Callable<Integer>, ErrorHandlers.NotTaken {
    private static final String ONE_RUN = "thresholds and CI reports read one run's report (gate a run at the threads "
            + "the sweep recommends)";
    private static final String RATE = "a sweep steps the concurrency (--threads), not an arrival rate (run --mode "
            + "parallel --rate R does)";
    private static final String ANSWERS = "a sweep cycles the prompt file, so a prompt has many answers (run prints "
            + "and writes them)";
    /** The options of run that do not fit a sweep, and why: refused in one line, never silently ignored. */
    private static final Map<String, String> NOT_TAKEN = Map.ofEntries(
            Map.entry("--mode", "a sweep runs the parallel mode at each --threads step"),
            Map.entry("--order", "a sweep runs the parallel mode at each --threads step"),
            Map.entry("--dry-run", "a sweep says how many requests it sends and how long it should take as it starts "
                    + "(and asks first against a paid endpoint)"),
            Map.entry("--show-answers", ANSWERS),
            Map.entry("--answers", ANSWERS),
            Map.entry("--resume", "a sweep is not resumed: run it again (--threads with the steps left)"),
            Map.entry("--warmup-requests", "each step of a sweep is measured whole (the client's warm-up and the "
                    + "canary still come first)"),
            Map.entry("--rate", RATE),
            Map.entry("--arrival", RATE),
            Map.entry("--burstiness", RATE),
            Map.entry("--arrival-seed", RATE),
            Map.entry("--fail-if", ONE_RUN),
            Map.entry("--baseline", ONE_RUN),
            Map.entry("--allow-baseline-mismatch", ONE_RUN),
            Map.entry("--junit", ONE_RUN),
            Map.entry("--no-step-summary", ONE_RUN));

    @Spec
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N,N,...", split = ",", defaultValue = "1,2,4,8,16,32",
            description = "Concurrency steps (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--min-requests", paramLabel = "N", defaultValue = "100",
            description = "Requests per step at least (default: ${DEFAULT-VALUE}; at least 4 × the step's threads "
                    + "and at least the prompt count).")
    int minRequests;

    @Option(names = "--repeat", paramLabel = "K", defaultValue = "1",
            description = "Run each step K times, to see the noise (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--until", paramLabel = "saturation",
            description = "--until saturation: stop at the knee (throughput gain under 10%%, p95 growing faster than "
                    + "throughput, or errors/429s) instead of running every step; the rest are reported as not run.")
    String until;

    @Option(names = "--max-duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Run no step that is expected to end after this (e.g. 10m): the sweep so far is the "
                    + "report, the steps left are reported as not run.")
    Duration maxDuration;

    @Option(names = "--target", paramLabel = "EXPR",
            description = "Search for the most threads that meet EXPR (p50<TIME, p95<TIME or error_rate<N%%, e.g. "
                    + "'p95<2s'), between the lowest and highest --threads: doubling, then bisection. Prints "
                    + "\"recommended --threads N\" with the evidence.")
    String target;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    LaunchOptions shared;

    /** {@code clock} dates the results file (its header and default name): the system's, or a test's. */
    public SweepCommand(Map<String, String> env, Clock clock) {
        this.shared = new LaunchOptions(env, clock);
    }

    @Override
    public Map<String, String> notTaken() {
        return NOT_TAKEN;
    }

    @Override
    public Integer call() throws Exception {
        List<Integer> steps = steps();
        FlagCheck.atLeast("--min-requests", minRequests, 1);
        FlagCheck.atLeast("--repeat", repeats, 1);
        if (!"table".equals(format) && !"json".equals(format)) {
            throw new UsageException("--format must be table or json (got '" + format + "')");
        }
        if (until != null && !"saturation".equals(until)) {
            throw new UsageException("--until takes one value, saturation (got '" + until + "')");
        }
        FlagCheck.longerThanZero("--max-duration", maxDuration, null);
        SweepTarget goal = null;
        if (target != null) {
            if (until != null) throw new UsageException("--target searches on its own: drop --until");
            try {
                goal = SweepTarget.parse(target);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--target: " + e.getMessage());
            }
        }
        shared.session.validate();
        if (shared.session.rate.adaptive) {
            throw new UsageException("--adaptive changes the concurrency each sweep step fixes: leave it out "
                    + "(the budgets --tpm and --rpm apply)");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (Launch launch = shared.open()) {
            PromptFile prompts = launch.prompts();
            OutputFiles outputs = launch.checkOutputs(null, List.of());
            int perStep = Math.max(minRequests, Math.max(prompts.count(), 4 * steps.get(steps.size() - 1)));
            SweepPlan plan = new SweepPlan(steps, perStep, repeats, until != null, maxDuration, goal);
            SweepSpec sweep = new SweepSpec(prompts, launch.sessionSpec(plan.maxThreads()), launch.requestSettings(),
                    plan, outputs, launch.pricing());
            Notices notices = launch.notices();
            launch.warnIdle(spec.commandLine().getParseResult(), flags -> flags);
            launch.announce(plan.maxThreads());
            launch.confirmPaid("this sweep sends " + (plan.target() != null || plan.untilSaturation() ? "at most " : "")
                    + plan.totalRequests() + " requests (" + plan.plannedSteps() + " steps × " + plan.requests()
                    + (plan.repeats() > 1 ? " × " + plan.repeats() + " repeats" : "") + ")", "pass --yes to confirm");
            SweepRunner.Outcome outcome = launch.start(false, true,
                    (control, clocks, listener) -> new SweepRunner(control, clocks).run(sweep, listener));
            if (outcome.report() == null) {
                err.println("promptbench: " + (outcome.fatal() != null ? outcome.fatal() : outcome.stopped()));
                return outcome.fatal() != null ? ExitCode.FATAL_ENDPOINT : launch.signalled();
            }
            if ("json".equals(format)) SweepWriter.json(outcome.report(), spec.commandLine().getOut());
            else SweepWriter.table(outcome.report(), spec.commandLine().getOut());
            if (shared.output.html != null) {
                ReportOutputs.writeHtml(Path.of(outcome.report().resultsFile()), shared.output.htmlFile(), outputs, notices);
            }
            int written = ReportOutputs.failures(outputs, err);
            if (outcome.fatal() != null) err.println("promptbench: stopped: " + outcome.fatal());
            return ExitCode.mostSevere(written, outcome.fatal() != null ? ExitCode.FATAL_ENDPOINT : ExitCode.OK,
                    launch.signalled(), outcome.report().steps().stream().anyMatch(s -> s.errors() > 0)
                            ? ExitCode.REQUESTS_FAILED : ExitCode.OK);
        }
    }

    private List<Integer> steps() {
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer n : threads) {
            if (n == null || n < 1 || n > 4096) {
                throw new UsageException("--threads steps must be between 1 and 4096 (got " + n + ")");
            }
            sorted.add(n);
        }
        return new ArrayList<>(sorted);
    }
}
