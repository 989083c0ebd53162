package dev.promptbench.cli;

import dev.promptbench.app.OutputFile;
import dev.promptbench.app.OutputFiles;
import dev.promptbench.report.HtmlReport;
import java.nio.file.Path;

/** Writes the HTML report of a results file to a checked output; a failure is recorded with the outputs. */
final class HtmlOutput {
    private HtmlOutput() {}

    static void write(Path results, OutputFile html, OutputFiles outputs, Notices notices) {
        if (outputs.write(html, out -> HtmlReport.write(results, out))) notices.say("html report: " + html.path());
    }
}
