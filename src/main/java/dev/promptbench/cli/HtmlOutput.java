package dev.promptbench.cli;

import dev.promptbench.app.OutputFile;
import dev.promptbench.app.OutputFiles;
import dev.promptbench.report.html.HtmlReport;
import dev.promptbench.report.RunReport;
import dev.promptbench.results.ResultsFileException;
import java.io.IOException;
import java.nio.file.Path;

/** Writes the HTML report of a results file to a checked output; a failure is recorded with the outputs. */
final class HtmlOutput {
    private HtmlOutput() {}

    /** The page of a saved run: its figures rebuilt from the file. */
    static void write(Path results, OutputFile html, OutputFiles outputs, Notices notices) {
        write(null, results, html, outputs, notices);
    }

    /** The page of a run whose report is at hand (null: rebuild it from the file); the charts come from the file. */
    static void write(RunReport report, Path results, OutputFile html, OutputFiles outputs, Notices notices) {
        boolean written = outputs.write(html, out -> {
            try {
                HtmlReport.write(report, results, out);
            } catch (ResultsFileException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
        if (written) notices.say("html report: " + html.path());
    }
}
