package dev.promptbench.cli;

import dev.promptbench.app.BatchResult;
import dev.promptbench.app.BatchRunner;
import dev.promptbench.app.OutputFile;
import dev.promptbench.app.OutputFiles;
import dev.promptbench.app.RunSpec;
import dev.promptbench.app.SimulatorEndpoint;
import dev.promptbench.client.ClientSettings;
import dev.promptbench.config.EndpointFlags;
import dev.promptbench.config.EndpointResolver;
import dev.promptbench.config.Price;
import dev.promptbench.config.Resolution;
import dev.promptbench.prompt.PromptFile;
import dev.promptbench.prompt.TextPromptStyle;
import dev.promptbench.report.AnswersFile;
import dev.promptbench.report.AnswersInOrder;
import dev.promptbench.results.EndpointInfo;
import dev.promptbench.report.OutputFormat;
import dev.promptbench.report.RequestCsv;
import dev.promptbench.app.RunListener;
import dev.promptbench.run.Plan;
import dev.promptbench.run.RequestSettings;
import dev.promptbench.run.RunControl;
import dev.promptbench.run.Ticker;
import dev.promptbench.control.Sleeper;
import dev.promptbench.results.PreviousRun;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code promptbench run}: send a prompt file sequentially and in parallel and compare. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
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
            "4:fatal endpoint error (401/403/404, unsupported parameter)",
            "5:internal error",
            "130:interrupted (SIGINT)",
            "143:terminated (SIGTERM)"})
public final class RunCommand implements Callable<Integer> {
    private static final int MAX_THREADS = 4096;
    private static final int CONFIRM_ABOVE_PROMPTS = 200;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROMPT_FILE",
            description = "Prompts: .txt (one per line) or .jsonl (messages or prompt per line); - reads stdin.")
    String promptFile;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "4",
            description = "Workers of the parallel mode, 1..4096 (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "compare",
            description = "compare (sequential, then parallel), sequential or parallel (default: ${DEFAULT-VALUE}).")
    RunMode mode;

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "seq-first",
            description = "In compare mode, which leg goes first: seq-first, par-first, or alternate (seq, par, par, "
                    + "seq, ... over --repeat) (default: ${DEFAULT-VALUE}).")
    String order;

    @ArgGroup(validate = false, heading = "%nEndpoint (flags beat --profile, which beats environment variables):%n", order = 2)
    EndpointOptions endpoint = new EndpointOptions();

    @ArgGroup(validate = false, heading = "%nRequest fields (sent only when given):%n", order = 3)
    RequestOptions request = new RequestOptions();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "Whole-request limit, e.g. 90s, 10m (default: ${DEFAULT-VALUE}). Reasoning models take minutes.")
    Duration timeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class, description = "Connection set-up limit (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--stream-idle-timeout", paramLabel = "DURATION", defaultValue = "60s",
            converter = DurationConverter.class,
            description = "With --stream: longest silence between events before the stream counts as broken "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration streamIdleTimeout;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json, markdown or csv: json prints one JSON document on stdout and nothing else "
                    + "there; markdown suits a CI step summary (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Per-request results (JSON Lines; default: results/<UTC time>.jsonl).")
    Path out;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Also write one CSV row per request (timings, tokens, status; no answers) to FILE.")
    Path csv;

    @Option(names = "--template", paramLabel = "FILE",
            description = "PROMPT_FILE is a CSV (with a header row) or JSONL of variables: each row fills the "
                    + "{{column}} placeholders of this template, one prompt per row (id from an 'id' column, "
                    + "else row-N).")
    Path template;

    @Option(names = "--answers", paramLabel = "FILE",
            description = "Also write one row per prompt in input order (id, prompt, status, answer, tokens; the "
                    + "last attempt's answer): CSV for .csv, JSON Lines for .jsonl.")
    Path answers;

    @Option(names = "--dry-run",
            description = "Send nothing: print the endpoint(s), the requests per mode, the prompt tokens (o200k "
                    + "tokenizer), the most completion tokens, and the cost when the profile has prices.")
    boolean dryRun;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained HTML report (timelines, histograms) to FILE at the end.")
    Path html;

    @Option(names = "--force", description = "Replace output files (--out, --csv, --html, --junit) that exist.")
    boolean force;

    @Option(names = "--show-answers", description = "Print each answer as it arrives (first mode only).")
    boolean showAnswers;

    @Option(names = "--yes", description = "Do not ask before sending a large compare run to a paid endpoint.")
    boolean yes;

    @Option(names = "--no-warmup", negatable = false,
            description = "Skip the untimed warm-up of the client's code path.")
    boolean noWarmup;

    @Option(names = {"-v", "--verbose"}, description = "Say where each setting came from (secrets as ***).")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Only results and errors: no notices on stderr.")
    boolean quiet;

    @ArgGroup(validate = false, heading = "%nMeasurement:%n", order = 4)
    MeasureOptions measure = new MeasureOptions();

    @ArgGroup(validate = false, heading = "%nRetries and stopping:%n", order = 5)
    RetryOptions retry = new RetryOptions();

    @Option(names = "--resume", paramLabel = "RESULTS",
            description = "Run only the prompts without an ok/filtered record in this results file, and append "
                    + "to it (the prompt file must be unchanged).")
    Path resume;

    @ArgGroup(validate = false, heading = "%nBuilt-in simulator (used when no endpoint is configured):%n", order = 6)
    SimulatorOptions simulator = new SimulatorOptions();

    @ArgGroup(validate = false, heading = "%nThresholds and CI:%n", order = 7)
    GateOptions gate = new GateOptions();

    @ArgGroup(validate = false, heading = "%nNetwork and auth:%n", order = 8)
    NetworkOptions network = new NetworkOptions();

    @ArgGroup(validate = false, heading = "%nRate limits:%n", order = 9)
    RateOptions rate = new RateOptions();

    private final Map<String, String> env;
    private Price price;

    public RunCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter err = spec.commandLine().getErr();
        var net = network.settings(env);
        Resolution resolution = new EndpointResolver(env).resolve(network.flags(endpoint.flags()));
        try (PromptFile prompts = PromptSources.open(promptFile, template,
                new TextPromptStyle(request.role, request.system))) {
            PreviousRun previous = resume == null ? null : ResumeCheck.read(resume, prompts);
            OutputFiles outputs = dryRun ? null : outputs();
            Notices notices = new Notices(err, quiet);
            idleFlags(resolution).warnings().forEach(notices::say);
            gate.checkBeforeRun(new ReportShape(plans().stream().map(p -> p.mode().wireName()).toList(),
                    request.stream, measure.rate != null, measure.repeats > 1), endpointInfo(resolution),
                    request.settings().maxTokens(), request.stream, notices);
            String fileLimit = OpenFileLimit.warning(threads);
            if (fileLimit != null) notices.say(fileLimit);
            if (verbose) resolution.provenance().forEach(line -> notices.say("  " + line));
            network.announce(net, notices, verbose);
            RunSpec runSpec = new RunSpec(prompts, plans(), mode.wireName(), order, request.settings(),
                    resolution.endpoints(), simulator.settings(),
                    new ClientSettings(threads, timeout, connectTimeout, streamIdleTimeout).withNetwork(net), outputs, !noWarmup, true,
                    retry.policy(), previous, measure.repeats, measure.warmupRequests, rate.control());
            if (previous != null) ResumeCheck.sameSettings(resume, previous, runSpec);
            if (dryRun) return DryRunPrinter.print(runSpec, resolution, format, spec.commandLine().getOut());
            confirmLargePaidRun(resolution, prompts.count(), notices);
            price = resolution.firstPrice();
            RunControl control = new RunControl(retry.grace, Ticker.system());
            Signals signals = Signals.install(control, notices);
            ProgressLine progress = Terminal.progressAllowed(env, quiet) ? new ProgressLine(err, Terminal.columns(env), Ticker.system()) : null;
            BatchResult result;
            try (ConsoleListener console = new ConsoleListener(notices, spec.commandLine().getOut(), err,
                    showAnswers, format != OutputFormat.TABLE, progress);
                 RequestCsv requestCsv = csv == null ? null
                         : RequestCsv.writingTo(outputs.open(OutputFile.of("--csv", csv, force)).stream())) {
                RunListener listener = requestCsv == null ? console : new CsvListener(console, requestCsv);
                try (AnswersInOrder inOrder = answers == null ? null : new AnswersInOrder(
                        answers.toAbsolutePath().getParent(), prompts.count())) {
                    if (inOrder != null) listener = new AnswersListener(listener, inOrder);
                    result = new BatchRunner(control, Sleeper.system()).run(runSpec, listener);
                    if (inOrder != null) writeAnswers(inOrder, prompts, outputs);
                }
            }
            return finish(result, signals, outputs, err);
        }
    }

    /** The --answers file, in input order, once the run has ended. */
    private void writeAnswers(AnswersInOrder inOrder, PromptFile prompts, OutputFiles outputs) throws Exception {
        OutputFile file = OutputFile.of("--answers", answers, force);
        try (AnswersFile rows = AnswersFile.writingTo(outputs.open(file).stream(), AnswersFile.formatOf(answers));
             var source = prompts.source()) {
            inOrder.writeTo(rows, source);
        }
    }

    /** Prints the report and picks the exit code: 5 (an output not written) > 4 > 130/143 > 3 > 1 > 0. */
    private int finish(BatchResult result, Signals signals, OutputFiles outputs, PrintWriter err) {
        if (result.report() != null) format.reporter().write(result.report(), spec.commandLine().getOut());
        if (result.report() != null && price != null && format == OutputFormat.TABLE) {
            spec.commandLine().getOut().println(CostLine.of(result.report(), price));
            spec.commandLine().getOut().flush();
        }
        if (result.report() != null && html != null) {
            HtmlOutput.write(result.report(), Path.of(result.report().resultsFile()),
                    OutputFile.of("--html", html, force), outputs, new Notices(err, quiet));
        }
        // CI gates (--fail-if, --junit, the step summary): with thresholds, request errors count only through them.
        int gated = result.report() == null ? GateOptions.NOT_GATED
                : gate.check(result.report(), outputs, force, env, err);
        outputs.failures().forEach(line -> err.println("promptbench: " + line));
        if (result.stopCause() == RunControl.Cause.FATAL_ENDPOINT) {
            err.println("promptbench: " + (result.report() == null ? "" : "stopped: ") + result.stopMessage());
        }
        if (!outputs.failures().isEmpty()) return ExitCode.INTERNAL;
        if (result.stopCause() == RunControl.Cause.FATAL_ENDPOINT) return ExitCode.FATAL_ENDPOINT;
        if (signals.exitCode() != 0) return signals.exitCode();
        if (gated != GateOptions.NOT_GATED) return gated;
        return result.anyErrors() ? ExitCode.REQUESTS_FAILED : ExitCode.OK;
    }

    private void validate() {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new UsageException("--threads must be between 1 and " + MAX_THREADS + " (got " + threads + ")");
        }
        if (!"seq-first".equals(order) && !"par-first".equals(order) && !"alternate".equals(order)) {
            throw new UsageException("--order must be seq-first, par-first or alternate (got '" + order + "')");
        }
        measure.validate(mode);
        gate.validate();
        request.validate();
        if (timeout.isZero()) throw new UsageException("--timeout must be longer than 0");
        if (connectTimeout.isZero()) throw new UsageException("--connect-timeout must be longer than 0");
        if (answers != null && AnswersFile.formatOf(answers) == null) {
            throw new UsageException("--answers " + answers + ": name it .csv or .jsonl (the extension picks the format)");
        }
        if (resume != null && out != null) {
            throw new UsageException("--resume appends to its own file: leave out --out");
        }
    }

    /** The (first) endpoint as reports will name it; the simulator's port is not known yet, nor compared. */
    private static EndpointInfo endpointInfo(Resolution resolution) {
        return EndpointInfo.of(resolution.useSimulator() ? SimulatorEndpoint.at(URI.create("http://127.0.0.1/"))
                : resolution.endpoints().get(0), null);
    }

    /** The flags given that this combination ignores. */
    private IdleFlags idleFlags(Resolution resolution) {
        return IdleFlags.of(spec.commandLine().getParseResult())
                .when(measure.rate == null, "without --rate", "--arrival", "--burstiness", "--arrival-seed")
                .when(measure.rate != null && !"gamma".equalsIgnoreCase(measure.arrival), "without --arrival gamma",
                        "--burstiness")
                .when(!resolution.useSimulator(), "with a real endpoint (the built-in simulator is not started)",
                        flag -> flag.startsWith("--sim-"))
                .when(mode != RunMode.COMPARE, "without --mode compare", "--order")
                .when(mode == RunMode.SEQUENTIAL, "with --mode sequential", "--threads")
                .when(!request.stream, "without --stream", "--stream-idle-timeout")
                .when(dryRun, "with --dry-run (nothing is sent or written)", "--out", "--csv", "--html", "--force",
                        "--show-answers", "--fail-if", "--baseline", "--allow-baseline-mismatch", "--junit",
                        "--no-step-summary", "--yes")
                .when(dryRun && format != OutputFormat.JSON && format != OutputFormat.TABLE,
                        "with --dry-run (it prints lines, or JSON with --format json)", "--format");
    }

    /** Every file this run writes, checked before anything is sent. */
    private OutputFiles outputs() {
        OutputFile results = resume != null ? OutputFile.appending("--resume", resume)
                : out != null ? OutputFile.of("--out", out, force)
                : OutputFile.defaultResults("--out", Instant.now());
        return OutputFiles.check(results,
                Arrays.asList(csv == null ? null : OutputFile.of("--csv", csv, force),
                        html == null ? null : OutputFile.of("--html", html, force), gate.junit(force),
                        answers == null ? null : OutputFile.of("--answers", answers, force)),
                List.of(promptInput(promptFile), endpoint.configInput(), gate.baselineInput()));
    }

    /** The prompt file as an input never to be written (standard input has no file). */
    static OutputFiles.Input promptInput(String promptFile) {
        return new OutputFiles.Input("the prompt file", "-".equals(promptFile) ? null : Path.of(promptFile));
    }

    private List<Plan> plans() {
        Plan sequential = new Plan.Sequential();
        Plan parallel = measure.arrival() != null
                ? new Plan.OpenLoop(measure.arrival(), threads) : new Plan.Parallel(threads);
        return switch (mode) {
            case SEQUENTIAL -> List.of(sequential);
            case PARALLEL -> List.of(parallel);
            case COMPARE -> "par-first".equals(order) ? List.of(parallel, sequential) : List.of(sequential, parallel);
        };
    }

    /** Compare mode sends every prompt twice: against a paid endpoint and a big file, make sure. */
    private void confirmLargePaidRun(Resolution resolution, int prompts, Notices notices) {
        if (resolution.useSimulator() || mode != RunMode.COMPARE || prompts <= CONFIRM_ABOVE_PROMPTS || yes) return;
        String what = "compare mode sends each of the " + prompts + " prompts twice (" + 2L * prompts
                + " requests) to " + resolution.endpoints().get(0).origin();
        java.io.Console console = System.console();
        if (console == null) {
            throw new UsageException(what + ": pass --yes to confirm, or --mode parallel to skip the sequential leg");
        }
        notices.say(what + ".");
        String answer = console.readLine("Continue? [y/N] ");
        if (answer == null || !answer.trim().equalsIgnoreCase("y")) {
            throw new UsageException("not confirmed; nothing was sent");
        }
    }
}
