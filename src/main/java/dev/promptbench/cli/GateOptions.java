package dev.promptbench.cli;

import dev.promptbench.app.OutputFile;
import dev.promptbench.app.OutputFiles;
import dev.promptbench.gate.Baseline;
import dev.promptbench.gate.ReportShape;
import dev.promptbench.gate.GateException;
import dev.promptbench.gate.GatedRun;
import dev.promptbench.gate.JUnitReporter;
import dev.promptbench.gate.StepSummary;
import dev.promptbench.gate.Target;
import dev.promptbench.gate.Threshold;
import dev.promptbench.gate.Thresholds;
import dev.promptbench.gate.Verdict;
import dev.promptbench.results.EndpointInfo;
import dev.promptbench.report.RunReport;
import dev.promptbench.report.MarkdownReporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * CI gates on a run: {@code --fail-if} thresholds, the {@code --baseline} they may compare with, and the
 * files CI shows ({@code --junit}, the GitHub step summary). Parsed at validation, checked against what the
 * run will be before it starts, applied after it.
 */
final class GateOptions {
    /** What {@link #check} returns when no threshold was given: request errors decide the exit code. */
    static final int NOT_GATED = -1;

    @Option(names = "--fail-if", paramLabel = "EXPR", order = 70,
            description = {"Fail the run (exit 3) when EXPR holds; repeatable.", Threshold.GRAMMAR})
    List<String> failIf = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "FILE", order = 71,
            description = "A saved --format json result for +N%%/-N%% thresholds; refused when its endpoint, model, "
                    + "deployment, max tokens or streaming differ from this run's.")
    Path baseline;

    @Option(names = "--allow-baseline-mismatch", order = 72,
            description = "Compare with a baseline that differs from this run (a warning instead of exit 2).")
    boolean allowMismatch;

    @Option(names = "--junit", paramLabel = "FILE", order = 73,
            description = "Write a JUnit XML report with one test case per --fail-if threshold.")
    Path junit;

    @Option(names = "--no-step-summary", negatable = false, order = 74,
            description = "Do not append the results to the file named by GITHUB_STEP_SUMMARY.")
    boolean noStepSummary;

    private Thresholds thresholds = Thresholds.parse(List.of(), false);
    private Baseline saved;

    void validate() {
        List<String> given = failIf == null ? List.of() : failIf;
        if (allowMismatch && baseline == null) throw new UsageException("--allow-baseline-mismatch needs --baseline");
        if (baseline != null && given.isEmpty()) {
            throw new UsageException("--baseline is compared through thresholds: add --fail-if (e.g. 'p95>+20%')");
        }
        if (junit != null && given.isEmpty()) {
            throw new UsageException("--junit writes one test case per --fail-if threshold: add at least one");
        }
        try {
            thresholds = Thresholds.parse(given, baseline != null);
        } catch (GateException e) {
            throw new UsageException("--fail-if " + e.getMessage());
        }
        try {
            if (baseline != null) saved = Baseline.load(baseline);
        } catch (GateException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Before the run, what can be known then: each JSON Pointer must read something this run's document
     * will have, and the baseline must compare with this run (its endpoint, max tokens and streaming);
     * a mismatch allowed by --allow-baseline-mismatch is one warning here, not again after the run.
     */
    void checkBeforeRun(ReportShape shape, EndpointInfo endpoint, Integer maxTokens, boolean stream, Notices notices) {
        for (Threshold threshold : thresholds.all()) {
            if (!(threshold.target() instanceof Target.Pointer pointer)) continue;
            shape.problem(pointer.path()).ifPresent(problem -> {
                throw new UsageException("--fail-if '" + threshold.text() + "': " + problem);
            });
        }
        if (saved == null) return;
        try {
            saved.admit(endpoint, maxTokens, stream, allowMismatch).ifPresent(notices::say);
        } catch (GateException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * For a saved run ({@code report}): the checks {@link #checkBeforeRun} makes, on what the run was, so a
     * saved run is refused or warned about in the same words as the run would have been.
     */
    void checkSavedRun(RunReport report, Notices notices) {
        EndpointInfo endpoint = report.endpoint() != null ? report.endpoint()
                : new EndpointInfo(null, null, null, null, null, null);
        checkBeforeRun(ReportShape.of(report), endpoint, report.config().sampling().maxTokens(), report.config().stream(),
                notices);
    }

    /** True when a --fail-if threshold was given. */
    boolean gated() {
        return !thresholds.isEmpty();
    }

    /** The {@code --junit} file as an output, or null when not asked for. */
    OutputFile junit(boolean force) {
        return junit == null ? null : OutputFile.of("--junit", junit, force);
    }

    /** The {@code --baseline} file, which is read and never written. */
    OutputFiles.Input baselineInput() {
        return new OutputFiles.Input("the --baseline file", baseline);
    }

    /**
     * Checks the thresholds against the finished run, prints each failure (and one line when all pass)
     * on stderr, and writes {@code --junit} and the step summary.
     *
     * @return {@link ExitCode#THRESHOLD} or {@link ExitCode#OK} when thresholds were given, else {@link #NOT_GATED}
     */
    int check(RunReport report, OutputFiles outputs, boolean force, Map<String, String> env, PrintWriter err) {
        List<Verdict> verdicts = List.of();
        if (!thresholds.isEmpty()) {
            // The baseline was admitted before the run (checkBeforeRun): the fields it compares are known then.
            verdicts = thresholds.evaluate(GatedRun.of(report), saved == null ? null : saved.run());
            print(verdicts, err);
            if (junit != null) writeJUnit(verdicts, report, outputs, force);
        }
        if (!noStepSummary) appendStepSummary(report, verdicts, env, err);
        err.flush();
        if (thresholds.isEmpty()) return NOT_GATED;
        return verdicts.stream().allMatch(Verdict::passed) ? ExitCode.OK : ExitCode.THRESHOLD;
    }

    private static void print(List<Verdict> verdicts, PrintWriter err) {
        for (Verdict v : verdicts) {
            if (!v.passed()) err.println((v.missing() ? "threshold failed: " : "threshold breached: ") + v.message());
        }
        if (verdicts.stream().allMatch(Verdict::passed)) {
            String which = verdicts.stream().map(Verdict::threshold).collect(Collectors.joining(", "));
            err.println((verdicts.size() == 1 ? "threshold passed: " : "all " + verdicts.size() + " thresholds passed: ")
                    + which);
        }
    }

    private void writeJUnit(List<Verdict> verdicts, RunReport report, OutputFiles outputs, boolean force) {
        outputs.write(junit(force), out -> {
            PrintWriter writer = new PrintWriter(out);
            new JUnitReporter(verdicts).write(report, writer);
            writer.flush();
        });
    }

    /** The run as the markdown reporter writes it (it brings its own heading), then the verdicts. */
    private static void appendStepSummary(RunReport report, List<Verdict> verdicts, Map<String, String> env,
                                          PrintWriter err) {
        StepSummary summary = new StepSummary(env);
        if (summary.file().isEmpty()) return;
        StringWriter markdown = new StringWriter();
        new MarkdownReporter().write(report, new PrintWriter(markdown));
        try {
            summary.append(null, verdicts, markdown.toString());
        } catch (IOException e) {
            err.println("warning: cannot append to " + StepSummary.VARIABLE + " (" + summary.file().get() + "): "
                    + e.getMessage());
        }
    }
}
