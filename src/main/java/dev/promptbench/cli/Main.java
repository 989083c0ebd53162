package dev.promptbench.cli;

import dev.promptbench.app.Version;
import dev.promptbench.clock.Sleeper;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The {@code promptbench} command: its subcommands, exit codes, and the only place that exits. */
@Command(name = "promptbench",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Send a file of prompts to a chat-completions API one at a time and in parallel, "
                + "and compare the timings.",
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:all requests succeeded",
            "1:some requests failed",
            "2:usage or configuration error",
            "3:threshold breached",
            "4:fatal endpoint error (401/403/404, unsupported parameter, used-up quota)",
            "5:internal error",
            "6:batch: not finished yet",
            "130:interrupted (SIGINT)",
            "143:terminated (SIGTERM)"},
        footer = {"", "Start with: promptbench run prompts/sample.txt --threads 4"})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    /** Runs promptbench and exits with its exit code. */
    public static void main(String[] args) {
        // Standard streams are UTF-8 whatever the platform encoding: the prompts are often Japanese.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        int code = execute(args, out, err, System.getenv());
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs promptbench in-process with the given streams and environment; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            // The same lines picocli prints, without building its model of the command: that is most of
            // the time a start takes (bench/README.md, startup).
            for (String line : new VersionProvider().getVersion()) out.println(line);
            out.flush();
            return ExitCode.OK;
        }
        return commandLine(out, err, env, Sleeper.system(), Clock.systemUTC(), args.length == 0 ? "" : args[0])
                .execute(args);
    }

    /** The configured command line: subcommands, writers, one-line error handling. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env) {
        return commandLine(out, err, env, Sleeper.system(), Clock.systemUTC());
    }

    /** The command line with the batch commands' waits and clock replaced (tests). */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env, Sleeper sleeper,
                                   Clock clock) {
        return commandLine(out, err, env, sleeper, clock, null);
    }

    /**
     * The command line with only the subcommand named {@code chosen} built in full (all of them when it
     * is null): picocli reads a command's whole model when it is added, which for all of them is most of
     * the time {@code --version} and {@code --help} take. The others are listed by name and description.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env, Sleeper sleeper,
                                   Clock clock, String chosen) {
        CommandLine cli = new CommandLine(new Main());
        Subcommands subcommands = new Subcommands(cli, chosen);
        subcommands.add(RunCommand.class, () -> new RunCommand(env, clock));
        subcommands.add(SweepCommand.class, () -> new SweepCommand(env, clock));
        subcommands.add(SimulateCommand.class, SimulateCommand::new);
        subcommands.add(ReportCommand.class, () -> new ReportCommand(env));
        subcommands.add(BatchCommand.class, () -> {
            CommandLine batch = new CommandLine(new BatchCommand());
            batch.addSubcommand("submit", new BatchSubmitCommand(env, sleeper, clock));
            batch.addSubcommand("status", new BatchStatusCommand(env, sleeper, clock));
            batch.addSubcommand("fetch", new BatchFetchCommand(env, sleeper, clock));
            batch.addSubcommand("run", new CommandLine(new BatchRunCommand(env, sleeper, clock)));
            batch.addSubcommand("cancel", new BatchCancelCommand(env, sleeper, clock));
            return batch;
        });
        standardOptionsEverywhere(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(new ErrorHandlers.BadUsage());
        cli.setExecutionExceptionHandler(new ErrorHandlers.Failure());
        return cli;
    }

    /** Every command, those added later included, answers --help and -V (--version) the same way. */
    private static void standardOptionsEverywhere(CommandLine cli) {
        for (CommandLine sub : cli.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.optionsMap().get("--help") == null) {
                spec.mixinStandardHelpOptions(true);
            } else if (spec.optionsMap().get("--version") == null) {
                spec.addOption(CommandLine.Model.OptionSpec.builder("-V", "--version").versionHelp(true)
                        .description("Print version information and exit.").build());
            }
            spec.versionProvider(new VersionProvider());
            standardOptionsEverywhere(sub);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'promptbench run --help'");
    }

    /** Reads the version from the jar manifest. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"promptbench " + Version.current(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
