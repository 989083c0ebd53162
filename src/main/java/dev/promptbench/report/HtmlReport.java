package dev.promptbench.report;

import dev.promptbench.report.html.HtmlPage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The HTML report of a results file: one self-contained page (inline CSS, SVG and script, nothing
 * from the network) with the run's details, the comparison table, and per mode a timeline of every
 * request, requests in flight and a latency histogram. The file is read in one streaming pass, in
 * memory bounded whatever the number of requests.
 */
public final class HtmlReport {

    private HtmlReport() {}

    /** Writes the report of {@code resultsFile} to {@code out}, which is flushed but not closed. */
    public static void write(Path resultsFile, Writer out) throws IOException {
        HtmlPage.write(resultsFile, out);
    }

    /** Writes the report of {@code resultsFile} to {@code htmlFile} (replaced; parent folders made). */
    public static void write(Path resultsFile, Path htmlFile) throws IOException {
        Path parent = htmlFile.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (Writer out = Files.newBufferedWriter(htmlFile, StandardCharsets.UTF_8)) {
            write(resultsFile, out);
        }
    }
}
