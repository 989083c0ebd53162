package dev.promptbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.report.html.HtmlPage;
import dev.promptbench.run.Mode;
import dev.promptbench.stats.ModeSummary;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The HTML report of a results file: one self-contained page (inline CSS, SVG and script, nothing
 * from the network) with the run's details, the comparison table, and per mode a timeline of every
 * request, requests in flight (with the adaptive limit's changes) and a latency histogram; for a sweep,
 * throughput and p95 against concurrency with the knee. The file is read in one streaming pass, in
 * memory bounded whatever the number of requests.
 */
public final class HtmlReport {

    private HtmlReport() {}

    /** Writes the report of {@code resultsFile} to {@code out}, which is flushed but not closed. */
    public static void write(Path resultsFile, Writer out) throws IOException {
        HtmlPage.write(resultsFile, out, HtmlReport::summary);
    }

    /** A summary record as the run made it; a sweep's page finds its knee from these. */
    private static ModeSummary summary(JsonNode record) {
        Mode mode = RecordDecoder.mode(record.path("mode").asText(""));
        // The page shows its own notes; a histogram that cannot be read falls back to the rounded figures.
        return RecordDecoder.summary(record, mode == null ? Mode.PARALLEL : mode, notice -> { });
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
