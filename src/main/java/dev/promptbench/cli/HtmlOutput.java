package dev.promptbench.cli;

import dev.promptbench.report.HtmlReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the HTML report of a results file, with a one-line error when it cannot. */
final class HtmlOutput {
    private HtmlOutput() {}

    static void write(Path results, Path html, Notices notices) {
        if (Files.isDirectory(html)) throw new UsageException("--html " + html + " is a directory; give a file name");
        try {
            HtmlReport.write(results, html);
        } catch (IOException e) {
            throw new UsageException("--html " + html + ": " + e.getMessage());
        }
        notices.say("html report: " + html);
    }
}
