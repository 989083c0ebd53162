package dev.promptbench.cli;

import dev.promptbench.app.OutputFile;
import dev.promptbench.app.OutputFiles;
import dev.promptbench.report.OutputFormat;
import dev.promptbench.report.RunReport;
import dev.promptbench.report.SavedRun;
import dev.promptbench.report.html.HtmlReporter;
import dev.promptbench.results.ResultsFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A finished run's report on stdout (in {@code --format}) and in the {@code --html} page, each written by
 * a reporter of the one report value: {@code run} at its end and {@code report} later both come here, so
 * what they write cannot disagree. A file goes through {@link OutputFiles} (never replaced without
 * {@code --force}); a failure is recorded with the outputs.
 */
final class ReportOutputs {
    private ReportOutputs() {}

    /**
     * Prints {@code report} on {@code out} in {@code format}, then writes its page to {@code html}.
     *
     * @param columns the terminal's width, which a table keeps within
     * @param html    the {@code --html} output, or null when not asked for
     */
    static void write(RunReport report, OutputFormat format, int columns, OutputFile html, OutputFiles outputs,
                      Notices notices, PrintWriter out) {
        format.reporter(columns).write(report, out);
        if (html != null) writeHtml(report, html, outputs, notices);
    }

    /**
     * Says each output that could not be written (one line each, after everything was tried): the exit
     * code they make, {@link ExitCode#INTERNAL} when there was one, else {@link ExitCode#OK}.
     */
    static int failures(OutputFiles outputs, PrintWriter err) {
        outputs.failures().forEach(line -> err.println("promptbench: " + line));
        return outputs.failures().isEmpty() ? ExitCode.OK : ExitCode.INTERNAL;
    }

    /** The page of a sweep, whose report is rebuilt from its file (a sweep's page is its steps' charts). */
    static void writeHtml(Path results, OutputFile html, OutputFiles outputs, Notices notices) {
        write(html, outputs, notices, () -> {
            try {
                return SavedRun.read(results).report();
            } catch (ResultsFileException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
    }

    /** The page of a run: the table from {@code report}, the charts from its results file. */
    static void writeHtml(RunReport report, OutputFile html, OutputFiles outputs, Notices notices) {
        write(html, outputs, notices, () -> report);
    }

    private interface ReportSource {
        RunReport get() throws IOException;
    }

    private static void write(OutputFile html, OutputFiles outputs, Notices notices, ReportSource report) {
        boolean written = outputs.write(html, out -> {
            try {
                new HtmlReporter().write(report.get(), new PrintWriter(out));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        });
        if (written) notices.say("html report: " + html.path());
    }
}
