package dev.promptbench.cli;

import dev.promptbench.config.IoReason;
import dev.promptbench.app.OutputFile;
import dev.promptbench.app.OutputFiles;
import dev.promptbench.report.OutputFormat;
import dev.promptbench.report.RebuiltReport;
import dev.promptbench.results.ResultsFileException;
import dev.promptbench.report.SavedRun;
import dev.promptbench.report.SideBySide;
import dev.promptbench.results.RunKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code promptbench report}: prints a finished run again from its results file, without sending anything. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "Prints the report of a run from its results file alone: no endpoint is called. The numbers are "
                + "the run's own (percentiles rebuilt from the histograms in the summary records), so "
                + "'report --format json' prints what 'run --format json' printed; results_file is the path "
                + "as given here.",
            "",
            "A run that was stopped before a mode finished, or that was resumed, has its figures recomputed "
                + "from the request records (a notice on stderr says so). A last line cut short by a killed "
                + "run is ignored.",
            "",
            "With --fail-if the saved run is gated as 'run' gates it at its end: the same lines on stderr, "
                + "--junit file, step summary and exit code.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the report was printed (and every --fail-if threshold held)",
            "2:usage error, or not a readable results file",
            "3:threshold breached",
            "5:internal error"})
public final class ReportCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    /** A report command for picocli's help and tools: no environment. */
    public ReportCommand() {
        this(Map.of());
    }

    /** @param env the environment, for the terminal's width (COLUMNS) */
    public ReportCommand(Map<String, String> env) {
        this.env = env;
    }

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "RESULTS",
            description = "A results file written by 'promptbench run' or 'batch fetch'; with two or more, the runs "
                    + "side by side, each later one against the first where that is fair.")
    List<Path> files;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json, markdown (GitHub-flavoured, for a step summary) or csv (one row per "
                    + "mode and repeat) (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write the self-contained HTML report to FILE.")
    Path html;

    @Option(names = "--force", description = "Replace the --html or --junit file if it exists.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "No notices on stderr, only the report and errors.")
    boolean quiet;

    @ArgGroup(validate = false, heading = "%nThresholds and CI (as for 'run'):%n", order = 7)
    GateOptions gate = new GateOptions();

    @Override
    public Integer call() {
        gate.validate();
        if (files.size() > 1) return sideBySide();
        Path results = files.get(0);
        RebuiltReport rebuilt = read(results);
        OutputFile htmlFile = html == null ? null : OutputFile.of("--html", html, force);
        OutputFiles outputs = OutputFiles.check(null, Arrays.asList(htmlFile, gate.junit(force)),
                List.of(new OutputFiles.Input("the results file read here", results), gate.baselineInput()));
        Notices notices = new Notices(spec.commandLine().getErr(), quiet);
        rebuilt.notices().forEach(notices::say);
        boolean sweep = rebuilt.report().config().mode() == RunKind.SWEEP;
        if (sweep && gate.gated()) {
            throw new UsageException(results + " holds a sweep: --fail-if gates single runs");
        }
        if (gate.gated()) gate.checkSavedRun(rebuilt.report(), notices);
        if (sweep) {
            // A sweep's steps all run the parallel mode: the run table would show only one of them.
            if (html == null) {
                throw new UsageException(results + " holds a sweep: 'report' re-prints single runs; use --html FILE "
                        + "for the sweep's charts and table");
            }
            ReportOutputs.writeHtml(rebuilt.report(), htmlFile, outputs, notices);
        } else {
            ReportOutputs.write(rebuilt.report(), format, Terminal.tableWidth(env), htmlFile, outputs, notices,
                    spec.commandLine().getOut());
        }
        // The gates as 'run' applies them at its end: the same lines, --junit, step summary and exit code.
        int gated = gate.gated() ? gate.check(rebuilt.report(), outputs, force, env, spec.commandLine().getErr())
                : ExitCode.OK;
        return ExitCode.mostSevere(ReportOutputs.failures(outputs, spec.commandLine().getErr()), gated);
    }

    /** Several files: each rebuilt as one is, then side by side. */
    private int sideBySide() {
        if (html != null) {
            throw new UsageException("--html draws one run's timelines: give it one results file (got "
                    + files.size() + ")");
        }
        if (gate.gated() || gate.junit(force) != null || gate.baselineInput().path() != null) {
            throw new UsageException("--fail-if, --baseline and --junit gate one run: give one results file (got "
                    + files.size() + ")");
        }
        List<RebuiltReport> rebuilt = new java.util.ArrayList<>();
        for (Path file : files) rebuilt.add(read(file));
        Notices notices = new Notices(spec.commandLine().getErr(), quiet);
        for (int i = 0; i < files.size(); i++) {
            RebuiltReport run = rebuilt.get(i);
            if (run.report().config().mode() == RunKind.SWEEP) {
                throw new UsageException(files.get(i) + " holds a sweep: 'report' puts single runs side by side");
            }
            run.notices().forEach(notices::say);
        }
        format.sideBySide().write(SideBySide.of(files, rebuilt), spec.commandLine().getOut());
        return ExitCode.OK;
    }

    private static RebuiltReport read(Path results) {
        try {
            return SavedRun.read(results);
        } catch (ResultsFileException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException(results + ": cannot be read (" + IoReason.of(e) + ")");
        }
    }
}
