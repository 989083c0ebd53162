package dev.promptbench.report.html;

import dev.promptbench.report.Reporter;
import dev.promptbench.report.RunReport;
import dev.promptbench.results.ResultsFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The HTML report of a run: one self-contained page (inline CSS, SVG and script, nothing from the
 * network) with the run's details, the comparison table, and per mode a timeline of every request,
 * requests in flight (with the adaptive limit's changes) and a latency histogram; for a sweep,
 * throughput and p95 against concurrency with the knee. The table's figures are the report's (the same
 * as every other output's); the charts come from the report's results file, read in one streaming
 * pass in memory bounded whatever the number of requests.
 */
public final class HtmlReporter implements Reporter {

    /**
     * Writes the page to {@code out} (flushed, not closed).
     *
     * @throws UncheckedIOException when the results file cannot be read for the charts
     */
    @Override
    public void write(RunReport report, PrintWriter out) {
        try {
            HtmlPage.write(Path.of(report.resultsFile()), report, out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ResultsFileException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }
}
