package dev.promptbench.cli;

import dev.promptbench.app.BatchResult;
import dev.promptbench.app.BatchRunner;
import dev.promptbench.app.OutputFiles;
import dev.promptbench.app.PassOrder;
import dev.promptbench.app.RunListener;
import dev.promptbench.app.RunMode;
import dev.promptbench.app.RunSpec;
import dev.promptbench.app.Schedule;
import dev.promptbench.app.SimulatorEndpoint;
import dev.promptbench.config.Resolution;
import dev.promptbench.gate.ReportShape;
import dev.promptbench.prompt.PromptFile;
import dev.promptbench.report.AnswersFile;
import dev.promptbench.report.AnswersInOrder;
import dev.promptbench.report.OutputFormat;
import dev.promptbench.results.EndpointInfo;
import dev.promptbench.results.PreviousRun;
import dev.promptbench.run.Arrival;
import dev.promptbench.run.RunControl;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code promptbench run}: send a prompt file sequentially and in parallel and compare. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        modelTransformer = SimulatorOptions.AsSimFlags.class,
        usageHelpWidth = 100,
        description = {
            "Sends every prompt in PROMPT_FILE one at a time (sequential), then on a fixed pool of --threads "
                + "workers (parallel), and prints wall time, throughput, latency percentiles, tokens and errors "
                + "side by side, with the speedup.",
            "",
            "With no endpoint configured it talks to the built-in simulator (no key, no network, no cost).",
            "",
            "What is timed: wall time runs from the first request sent to the last answer recorded; latency is "
                + "each request's send-to-last-byte time. Not timed: JVM start, reading the prompt file, the "
                + "warm-up (an untimed burst against a private simulator, to load and compile the client's code) "
                + "and the canary (one request with a 1-token limit sent alone first, to open the connection "
                + "and catch a wrong key or deployment). The parallel mode is closed-loop: its latencies are "
                + "service times, not user-perceived latency at a given rate.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:all requests succeeded (a content-filtered answer alone does not fail a run)",
            "1:some requests failed",
            "2:usage or configuration error",
            "3:threshold breached",
            "4:fatal endpoint error (401/403/404, unsupported parameter, used-up quota)",
            "5:internal error",
            "130:interrupted (SIGINT)",
            "143:terminated (SIGTERM)"})
public final class RunCommand implements Callable<Integer> {
    private static final int MAX_THREADS = 4096;
    private static final int CONFIRM_ABOVE_PROMPTS = 200;

    @Spec
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "4",
            description = "Workers of the parallel mode, 1..4096 (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "compare", converter = WireNameConverter.Mode.class,
            description = "compare (sequential, then parallel), sequential or parallel (default: ${DEFAULT-VALUE}).")
    RunMode mode;

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "seq-first", converter = WireNameConverter.Order.class,
            description = "In compare mode, which leg goes first: seq-first, par-first, or alternate (seq, par, par, "
                    + "seq, ... over --repeat) (default: ${DEFAULT-VALUE}).")
    PassOrder order;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json, markdown or csv: json prints one JSON document on stdout and nothing else "
                    + "there; markdown suits a CI step summary (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--dry-run",
            description = "Send nothing: print the endpoint(s), the requests per mode, the prompt tokens (o200k "
                    + "tokenizer), the most completion tokens, and the cost when the profile has prices.")
    boolean dryRun;

    @Option(names = "--show-answers", description = "Print each answer as it arrives (first mode only).")
    boolean showAnswers;

    @Option(names = "--answers", paramLabel = "FILE",
            description = "Also write one row per prompt in input order (id, prompt, status, answer, tokens; the "
                    + "last attempt's answer): CSV for .csv, JSON Lines for .jsonl.")
    Path answers;

    @Option(names = "--resume", paramLabel = "RESULTS",
            description = "Run only the prompts without an ok/filtered record in this results file, and append "
                    + "to it (the prompt file must be unchanged).")
    Path resume;

    @Mixin
    LaunchOptions shared;

    @ArgGroup(validate = false, heading = "%nMeasurement:%n", order = 4)
    MeasureOptions measure = new MeasureOptions();

    @ArgGroup(validate = false, heading = "%nThresholds and CI:%n", order = 7)
    GateOptions gate = new GateOptions();

    /** {@code clock} dates the results file (its header and default name): the system's, or a test's. */
    public RunCommand(Map<String, String> env, Clock clock) {
        this.shared = new LaunchOptions(env, clock);
    }

    @Override
    public Integer call() throws Exception {
        ParseResult typed = spec.commandLine().getParseResult();
        PreviousRun previous = resume == null ? null : ResumeCheck.read(resume);
        List<String> restored = previous == null ? List.of() : restoreRunSettings(previous, typed);
        validate();
        try (Launch launch = shared.open()) {
            Resolution resolution = launch.resolution();
            PromptFile prompts = launch.prompts();
            if (previous != null) ResumeCheck.samePrompts(resume, previous, prompts);
            OutputFiles outputs = dryRun ? null : launch.checkOutputs(resume,
                    Arrays.asList(gate.junit(shared.output.force), shared.output.other("--answers", answers)), gate.baselineInput());
            Notices notices = launch.notices();
            launch.warnIdle(typed, this::idleFlags);
            Schedule schedule = Schedule.of(mode, order, threads, measure.arrival(), measure.repeats,
                    measure.warmupRequests);
            gate.checkBeforeRun(new ReportShape(schedule.plans().stream().map(p -> p.mode().wireName()).toList(),
                    shared.session.request.stream, measure.rate != null, measure.repeats > 1), endpointInfo(resolution),
                    shared.session.request.settings().maxTokens(), shared.session.request.stream, notices);
            launch.announce(threads);
            RunSpec runSpec = new RunSpec(prompts, launch.sessionSpec(threads), launch.requestSettings(), schedule,
                    outputs, previous, launch.pricing());
            if (previous != null) ResumeCheck.sameSettings(resume, previous, runSpec);
            if (!restored.isEmpty()) notices.say("--resume: the run's own settings: " + String.join(" ", restored));
            if (dryRun) return DryRunPrinter.print(runSpec, resolution, format, spec.commandLine().getOut());
            if (mode == RunMode.COMPARE && prompts.count() > CONFIRM_ABOVE_PROMPTS) {
                launch.confirmPaid("compare mode sends each of the " + prompts.count() + " prompts twice ("
                        + 2L * prompts.count() + " requests)",
                        "pass --yes to confirm, or --mode parallel to skip the sequential leg");
            }
            BatchResult result = launch.start(showAnswers, format != OutputFormat.TABLE, (control, clocks, listener) -> {
                try (AnswersInOrder inOrder = answers == null ? null
                        : new AnswersInOrder(answers.toAbsolutePath().getParent(), prompts.count())) {
                    RunListener all = listener;
                    if (inOrder != null && resume != null) inOrder.keepEarlier(resume);
                    if (inOrder != null) all = all.alsoTo(inOrder::accept);
                    BatchResult ran = new BatchRunner(control, clocks).run(runSpec, all);
                    // No answers file for a run stopped before it sent anything: it would list every prompt not run.
                    if (inOrder != null && ran.report() != null) writeAnswers(inOrder, prompts, outputs);
                    return ran;
                }
            });
            return finish(result, launch.signalled(), outputs, notices);
        }
    }

    /** The --answers file, in input order, once the run has ended. */
    private void writeAnswers(AnswersInOrder inOrder, PromptFile prompts, OutputFiles outputs) throws Exception {
        try (AnswersFile rows = AnswersFile.writingTo(outputs.open(shared.output.other("--answers", answers)).stream(),
                AnswersFile.formatOf(answers));
             var source = prompts.source()) {
            inOrder.writeTo(rows, source);
        }
    }

    /**
     * Gives the flags this command line leaves out as the resumed run recorded them, by parsing the command
     * line again with them added: they are then read and checked as if typed. Returns the flags added.
     */
    private List<String> restoreRunSettings(PreviousRun previous, ParseResult typed) {
        List<String> added = ResumedFlags.missing(previous.settings(), spec, typed);
        if (added.isEmpty()) return added;
        List<String> args = ResumedFlags.own(typed);
        args.addAll(added);
        try {
            spec.commandLine().parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException("--resume " + resume + ": a setting in its header cannot be used: "
                    + e.getMessage());
        }
        return added;
    }

    /** Prints the report, writes the outputs made at the end, applies the gates, and picks the exit code. */
    private int finish(BatchResult result, int signalled, OutputFiles outputs, Notices notices) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (result.report() != null) {
            ReportOutputs.write(result.report(), format, Terminal.tableWidth(shared.env),
                    shared.output.html == null ? null : shared.output.htmlFile(), outputs, notices, out);
        }
        // CI gates (--fail-if, --junit, the step summary): with thresholds, request errors count only through them.
        int gated = result.report() == null ? GateOptions.NOT_GATED
                : gate.check(result.report(), outputs, shared.output.force, shared.env, err);
        int written = ReportOutputs.failures(outputs, err);
        boolean fatal = result.stopCause() == RunControl.Cause.FATAL_ENDPOINT;
        if (fatal) {
            err.println("promptbench: " + (result.report() == null ? "" : "stopped: ") + result.stopMessage());
        } else if (result.report() == null && result.stopMessage() != null) {
            err.println("promptbench: " + result.stopMessage());
        }
        return ExitCode.mostSevere(written, fatal ? ExitCode.FATAL_ENDPOINT : ExitCode.OK, signalled,
                gated != GateOptions.NOT_GATED ? gated
                        : result.anyErrors() ? ExitCode.REQUESTS_FAILED : ExitCode.OK);
    }

    private void validate() {
        FlagCheck.between("--threads", threads, 1, MAX_THREADS);
        if (answers != null && AnswersFile.formatOf(answers) == null) {
            throw new UsageException("--answers " + answers + ": name it .csv or .jsonl (the extension picks the format)");
        }
        measure.validate(mode);
        gate.validate();
        shared.session.validate();
    }

    /** The (first) endpoint as reports will name it; the simulator's port is not known yet, nor compared. */
    private static EndpointInfo endpointInfo(Resolution resolution) {
        return (resolution.useSimulator() ? SimulatorEndpoint.at(URI.create("http://127.0.0.1/"))
                : resolution.endpoints().get(0)).info(null);
    }

    /** The flags typed (not those a resume took from its file) that run's combination ignores. */
    private IdleFlags idleFlags(IdleFlags flags) {
        return flags
                .when(measure.rate == null, "without --rate", "--arrival", "--burstiness", "--arrival-seed")
                .when(measure.rate != null && measure.arrival != Arrival.Kind.GAMMA, "without --arrival gamma",
                        "--burstiness")
                .when(mode != RunMode.COMPARE, "without --mode compare", "--order")
                .when(mode == RunMode.SEQUENTIAL, "with --mode sequential", "--threads")
                .when(dryRun, "with --dry-run (nothing is sent or written)", "--out", "--csv", "--html", "--force",
                        "--show-answers", "--answers", "--fail-if", "--baseline", "--allow-baseline-mismatch", "--junit",
                        "--no-step-summary", "--yes")
                .when(dryRun && format != OutputFormat.JSON && format != OutputFormat.TABLE,
                        "with --dry-run (it prints lines, or JSON with --format json)", "--format");
    }
}
