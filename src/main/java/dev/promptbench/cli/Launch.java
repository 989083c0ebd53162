package dev.promptbench.cli;

import dev.promptbench.app.OutputFile;
import dev.promptbench.app.OutputFiles;
import dev.promptbench.app.RunListener;
import dev.promptbench.app.SessionSpec;
import dev.promptbench.clock.Clocks;
import dev.promptbench.clock.Ticker;
import dev.promptbench.config.Resolution;
import dev.promptbench.cost.Pricing;
import dev.promptbench.prompt.PromptFile;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.report.RequestCsv;
import dev.promptbench.run.RequestSettings;
import dev.promptbench.run.RunControl;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.ParseResult;

/**
 * The one launch path of the commands that send prompts ({@code run}, {@code sweep}), in the order they
 * take it: the endpoint resolved and the prompt file opened ({@link #open}), the outputs checked, the flags
 * that do nothing warned about, the set-up announced, a paid run confirmed, then the runner started with
 * Ctrl-C handling, the console listener and the {@code --csv} writer around it ({@link #start}).
 */
final class Launch implements AutoCloseable {
    private final LaunchOptions options;
    private final SessionOptions session;
    private final SessionOptions.Resolved resolved;
    private final PromptFile prompts;
    private final Notices notices;
    private OutputFiles outputs;
    private Signals signals;

    /** What a command runs once everything is set up; it prints nothing itself but through {@code listener}. */
    interface Runner<T> {
        T run(RunControl control, Clocks clocks, RunListener listener) throws Exception;
    }

    private Launch(LaunchOptions options, SessionOptions.Resolved resolved, PromptFile prompts) {
        this.options = options;
        this.session = options.session;
        this.resolved = resolved;
        this.prompts = prompts;
        this.notices = options.console.notices(options.command.commandLine().getErr());
    }

    /** Resolves the endpoint(s) (flags, then --profile, then the environment) and opens the prompt file for them. */
    static Launch open(LaunchOptions options) throws PromptFileException {
        SessionOptions.Resolved resolved = options.session.resolve(options.env, options.clock);
        return new Launch(options, resolved, options.session.openPrompts(options.promptFile, resolved));
    }

    Resolution resolution() {
        return resolved.resolution();
    }

    PromptFile prompts() {
        return prompts;
    }

    Notices notices() {
        return notices;
    }

    /**
     * Checks every output before anything is sent (see {@link OutputOptions#check}): the prompt file, the
     * --template file and --config are never written, nor the command's further {@code inputs}.
     */
    OutputFiles checkOutputs(Path resume, List<OutputFile> others, OutputFiles.Input... inputs) {
        List<OutputFiles.Input> all = new ArrayList<>(List.of(OutputOptions.promptInput(options.promptFile),
                session.templateInput(), session.endpoint.configInput()));
        all.addAll(Arrays.asList(inputs));
        outputs = options.output.check(options.clock.instant(), resume, others, all);
        return outputs;
    }

    /**
     * Warns about each flag {@code typed} that does nothing: the rules every command applies (the
     * simulator's with a real endpoint, ...), then the command's own.
     */
    void warnIdle(ParseResult typed, UnaryOperator<IdleFlags> commandRules) {
        commandRules.apply(session.idleFlags(IdleFlags.of(typed), resolved)).warnings().forEach(notices::say);
    }

    /** Says what the set-up will do for a pool of {@code threads} (see {@link SessionOptions#announce}). */
    void announce(int threads) {
        session.announce(resolved, threads, notices, options.console.verbose);
    }

    /** How the requests are sent, for a pool of at most {@code threads} workers. */
    SessionSpec sessionSpec(int threads) {
        return session.spec(threads, resolved);
    }

    /** The API fields sent with every request. */
    RequestSettings requestSettings() {
        return session.request.settings(resolved.resolution());
    }

    Pricing pricing() {
        return Pricing.of(resolved.resolution());
    }

    /** Asks before {@code what} against a paid endpoint unless --yes was given; the simulator costs nothing. */
    void confirmPaid(String what, String hint) {
        if (resolved.resolution().useSimulator()) return;
        options.console.confirm(what + " to " + resolved.resolution().endpoints().get(0).origin(), hint, notices);
    }

    /**
     * Runs {@code runner} with Ctrl-C and SIGTERM cancelling it, the console listener (live progress,
     * notices, {@code --show-answers}) and the {@code --csv} writer told each result.
     *
     * @param showAnswers  print each answer as it arrives
     * @param stdoutIsData stdout carries a document (or a table printed at the end): no live lines there
     */
    <T> T start(boolean showAnswers, boolean stdoutIsData, Runner<T> runner) throws Exception {
        PrintWriter err = options.command.commandLine().getErr();
        RunControl control = new RunControl(session.retry.grace, Ticker.system());
        signals = Signals.install(control, notices, outputs);
        RequestCsv csv = options.output.openCsv(outputs);
        try {
            try (ConsoleListener listener = new ConsoleListener(notices, options.command.commandLine().getOut(), err,
                    showAnswers, stdoutIsData, options.console.progress(options.env, err, Ticker.system()));
                 RequestCsv rows = csv) {
                return runner.run(control, Clocks.system(options.clock), rows == null ? listener : listener.alsoTo(rows));
            }
        } finally {
            // Stopped before its first mode (the canary, Ctrl-C): a header alone is no output, and left behind it
            // would make the same command, run again, refuse the file as existing. Only a file this run created
            // (no --force: it did not exist) is taken away; a forced path may be one the user keeps, or /dev/null.
            if (csv != null && !csv.started() && !options.output.force
                    && Files.isRegularFile(options.output.csv, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(options.output.csv);
            }
        }
    }

    /** 130 or 143 when a signal stopped the run, else 0. */
    int signalled() {
        return signals == null ? ExitCode.OK : signals.exitCode();
    }

    @Override
    public void close() {
        prompts.close();
    }
}
