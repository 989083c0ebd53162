package dev.promptbench.report.html;

import dev.promptbench.report.RunReport;
import dev.promptbench.report.SavedRun;
import dev.promptbench.results.ResultsFileException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The HTML report of a run: one self-contained page (inline CSS, SVG and script, nothing from the
 * network) with the run's details, the comparison table, and per mode a timeline of every request,
 * requests in flight (with the adaptive limit's changes) and a latency histogram; for a sweep,
 * throughput and p95 against concurrency with the knee. The table's figures are the report's (the same
 * as every other output's); the charts come from the results file's request records, read in one
 * streaming pass in memory bounded whatever the number of requests.
 */
public final class HtmlReport {

    private HtmlReport() {}

    /**
     * Writes the page of a run to {@code out}, which is flushed but not closed.
     *
     * @param report      the run's figures, or null to rebuild them from {@code resultsFile}
     * @param resultsFile the run's records, for the charts
     */
    public static void write(RunReport report, Path resultsFile, Writer out) throws IOException, ResultsFileException {
        HtmlPage.write(resultsFile, report, out);
    }

    /** Writes the page of a saved run to {@code htmlFile} (replaced; parent folders made). */
    public static void write(Path resultsFile, Path htmlFile) throws IOException, ResultsFileException {
        write(null, resultsFile, htmlFile);
    }

    /** Writes the page to {@code htmlFile} (replaced; parent folders made); see {@link #write(RunReport, Path, Writer)}. */
    public static void write(RunReport report, Path resultsFile, Path htmlFile) throws IOException, ResultsFileException {
        Path parent = htmlFile.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (Writer out = Files.newBufferedWriter(htmlFile, StandardCharsets.UTF_8)) {
            write(report, resultsFile, out);
        }
    }

    /** The report of a saved run, or null when it has nothing to report (the page then says so). */
    static RunReport rebuild(Path resultsFile) throws IOException {
        try {
            return SavedRun.read(resultsFile).report();
        } catch (ResultsFileException e) {
            return null;
        }
    }
}
