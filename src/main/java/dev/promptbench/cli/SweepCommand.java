package dev.promptbench.cli;

import dev.promptbench.app.OutputFile;
import dev.promptbench.app.OutputFiles;
import dev.promptbench.app.SweepRunner;
import dev.promptbench.app.SweepSpec;
import dev.promptbench.app.SweepTarget;
import dev.promptbench.client.ClientSettings;
import dev.promptbench.config.EndpointResolver;
import dev.promptbench.config.Resolution;
import dev.promptbench.control.Sleeper;
import dev.promptbench.prompt.PromptFile;
import dev.promptbench.prompt.TextPromptStyle;
import dev.promptbench.report.SweepWriter;
import dev.promptbench.run.RunControl;
import dev.promptbench.run.Ticker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code promptbench sweep}: the parallel mode at several concurrency levels, and where it stops paying. */
@Command(name = "sweep",
        mixinStandardHelpOptions = true,
        sortOptions = false,
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
public final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROMPT_FILE", description = "Prompts: .txt or .jsonl; - reads stdin.")
    String promptFile;

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

    @Option(names = "--out", paramLabel = "FILE", description = "Per-request results (default: results/<UTC time>.jsonl).")
    Path out;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write an HTML report: throughput and p95 against concurrency, and the knee.")
    Path html;

    @Option(names = "--force", description = "Replace output files (--out, --html) that exist.")
    boolean force;

    @Option(names = "--yes", description = "Do not ask before sending the sweep to a paid endpoint.")
    boolean yes;

    @Option(names = "--no-warmup", description = "Skip the untimed warm-up of the client's code path.")
    boolean noWarmup;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "Whole-request limit (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = {"-q", "--quiet"}, description = "Only results and errors: no notices on stderr.")
    boolean quiet;

    @ArgGroup(validate = false, heading = "%nEndpoint:%n", order = 2)
    EndpointOptions endpoint = new EndpointOptions();

    @ArgGroup(validate = false, heading = "%nRequest fields (sent only when given):%n", order = 3)
    RequestOptions request = new RequestOptions();

    @ArgGroup(validate = false, heading = "%nRetries and stopping:%n", order = 4)
    RetryOptions retry = new RetryOptions();

    @ArgGroup(validate = false, heading = "%nBuilt-in simulator (used when no endpoint is configured):%n", order = 5)
    SimulatorOptions simulator = new SimulatorOptions();

    @ArgGroup(validate = false, heading = "%nNetwork and auth:%n", order = 6)
    NetworkOptions network = new NetworkOptions();

    private final Map<String, String> env;

    public SweepCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        List<Integer> steps = steps();
        if (minRequests < 1) throw new UsageException("--min-requests must be at least 1 (got " + minRequests + ")");
        if (repeats < 1) throw new UsageException("--repeat must be at least 1 (got " + repeats + ")");
        if (!"table".equals(format) && !"json".equals(format)) {
            throw new UsageException("--format must be table or json (got '" + format + "')");
        }
        if (until != null && !"saturation".equals(until)) {
            throw new UsageException("--until takes one value, saturation (got '" + until + "')");
        }
        if (maxDuration != null && maxDuration.isZero()) {
            throw new UsageException("--max-duration must be longer than 0");
        }
        SweepTarget goal = null;
        if (target != null) {
            if (until != null) throw new UsageException("--target searches on its own: drop --until");
            try {
                goal = SweepTarget.parse(target);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--target: " + e.getMessage());
            }
        }
        request.validate();
        PrintWriter err = spec.commandLine().getErr();
        var net = network.settings(env);
        Resolution resolution = new EndpointResolver(env).resolve(network.flags(endpoint.flags()));
        try (PromptFile prompts = PromptFile.open(promptFile, new TextPromptStyle(request.role, request.system),
                System.in)) {
            OutputFiles outputs = OutputFiles.check(
                    out != null ? OutputFile.of("--out", out, force) : OutputFile.defaultResults("--out", Instant.now()),
                    Arrays.asList(html == null ? null : OutputFile.of("--html", html, force)),
                    List.of(OutputOptions.promptInput(promptFile), endpoint.configInput()));
            int perStep = Math.max(minRequests, Math.max(prompts.count(), 4 * steps.get(steps.size() - 1)));
            SweepSpec sweep = new SweepSpec(prompts, steps, perStep, repeats, request.settings(),
                    resolution.endpoints(), simulator.settings(),
                    new ClientSettings(steps.get(steps.size() - 1), timeout, ClientSettings.DEFAULT_CONNECT_TIMEOUT)
                            .withNetwork(net),
                    retry.policy(), outputs, !noWarmup, until != null, maxDuration, goal);
            Notices notices = new Notices(err, quiet);
            IdleFlags.of(spec.commandLine().getParseResult())
                    .when(!resolution.useSimulator(), "with a real endpoint (the built-in simulator is not started)",
                            flag -> flag.startsWith("--sim-"))
                    .warnings().forEach(notices::say);
            network.announce(net, notices, false);
            confirmPaid(resolution, sweep, notices);
            RunControl control = new RunControl(retry.grace, Ticker.system());
            Signals signals = Signals.install(control, notices);
            ProgressLine progress = Terminal.progressAllowed(env, quiet) ? new ProgressLine(err, Terminal.columns(env), Ticker.system()) : null;
            SweepRunner.Outcome outcome;
            try (ConsoleListener listener = new ConsoleListener(notices, spec.commandLine().getOut(), err, false,
                    true, progress)) {
                outcome = new SweepRunner(control, Sleeper.system()).run(sweep, listener);
            }
            if (outcome.report() == null) {
                err.println("promptbench: " + outcome.fatal());
                return ExitCode.FATAL_ENDPOINT;
            }
            if ("json".equals(format)) SweepWriter.json(outcome.report(), spec.commandLine().getOut());
            else SweepWriter.table(outcome.report(), spec.commandLine().getOut());
            if (html != null) {
                HtmlOutput.write(Path.of(outcome.report().resultsFile()), OutputFile.of("--html", html, force),
                        outputs, notices);
            }
            outputs.failures().forEach(line -> err.println("promptbench: " + line));
            if (outcome.fatal() != null) err.println("promptbench: stopped: " + outcome.fatal());
            if (!outputs.failures().isEmpty()) return ExitCode.INTERNAL;
            if (outcome.fatal() != null) return ExitCode.FATAL_ENDPOINT;
            if (signals.exitCode() != 0) return signals.exitCode();
            return outcome.report().steps().stream().anyMatch(s -> s.errors() > 0)
                    ? ExitCode.REQUESTS_FAILED : ExitCode.OK;
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

    /** A sweep multiplies requests: against a paid endpoint, say how many and ask. */
    private void confirmPaid(Resolution resolution, SweepSpec sweep, Notices notices) {
        if (resolution.useSimulator() || yes) return;
        String what = "this sweep sends " + (sweep.target() != null || sweep.untilSaturation() ? "at most " : "")
                + sweep.totalRequests() + " requests (" + sweep.plannedSteps() + " steps × "
                + sweep.requests() + (sweep.repeats() > 1 ? " × " + sweep.repeats() + " repeats" : "") + ") to "
                + resolution.endpoints().get(0).origin();
        java.io.Console console = System.console();
        if (console == null) throw new UsageException(what + ": pass --yes to confirm");
        notices.say(what + ".");
        String answer = console.readLine("Continue? [y/N] ");
        if (answer == null || !answer.trim().equalsIgnoreCase("y")) {
            throw new UsageException("not confirmed; nothing was sent");
        }
    }
}
