package dev.promptbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.stats.Percentiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small pieces of the readers and writers: CSV quoting, markdown escaping, lines, histograms. */
class ReportFormatsTest {
    @TempDir
    Path dir;

    @Test
    void csvQuotesOnlyWhatRfc4180Requires() {
        assertEquals("plain", CsvReporter.quote("plain"));
        assertEquals("", CsvReporter.quote(""));
        assertEquals("\"a,b\"", CsvReporter.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvReporter.quote("say \"hi\""));
        assertEquals("\"two\r\nlines\"", CsvReporter.quote("two\r\nlines"));
    }

    @Test
    void markdownEscapesPipesAndMarkup() {
        assertEquals("a \\| b", MarkdownReporter.escape("a | b"));
        assertEquals("rate\\_limited \\*x\\*", MarkdownReporter.escape("rate_limited *x*"));
        assertEquals("one two", MarkdownReporter.escape("one\ntwo"));
    }

    @Test
    void anEncodedHistogramGivesBackTheSamePercentiles() {
        Histogram histogram = new Histogram(3);
        for (long v = 1; v <= 5000; v += 7) histogram.recordValue(v * 131);
        Percentiles direct = EncodedHistogram.of(histogram, 1000);
        assertEquals(direct, EncodedHistogram.percentiles(EncodedHistogram.encode(histogram), 1000));
        assertNull(EncodedHistogram.percentiles(EncodedHistogram.encode(new Histogram(3)), 1000));
        assertThrows(IllegalArgumentException.class, () -> EncodedHistogram.percentiles("not base64!", 1000));
    }

    @Test
    void jsonLinesSkipsBlankLinesAndReportsACutLastLine() throws Exception {
        Path file = dir.resolve("x.jsonl");
        Files.writeString(file, "{\"a\":1}\r\n\n  \n{\"b\":2}\n{\"c\":");
        try (JsonLines lines = new JsonLines(file)) {
            assertEquals(1, lines.next().number());
            JsonLines.Line second = lines.next();
            assertEquals(4, second.number());
            assertEquals(2, second.record().path("b").asInt());
            assertNull(lines.next());
            assertEquals(5, lines.cutLine());
        }
    }

    @Test
    void jsonLinesAcceptsACompleteLastLineWithoutNewline() throws Exception {
        Path file = dir.resolve("x.jsonl");
        Files.writeString(file, "{\"a\":1}\n{\"b\":2}");
        try (JsonLines lines = new JsonLines(file)) {
            lines.next();
            assertEquals(2, lines.next().record().path("b").asInt());
            assertNull(lines.next());
            assertEquals(0, lines.cutLine());
        }
    }

    @Test
    void jsonLinesRejectsABadLineInTheMiddleWithItsNumber() throws Exception {
        Path file = dir.resolve("x.jsonl");
        Files.writeString(file, "{\"a\":1}\n{\"b\":\n{\"c\":3}\n");
        try (JsonLines lines = new JsonLines(file)) {
            lines.next();
            ResultsFileException e = assertThrows(ResultsFileException.class, lines::next);
            assertTrue(e.getMessage().endsWith("x.jsonl:2: not valid JSON"), e.getMessage());
        }
        Files.writeString(file, "[1,2]\n");
        try (JsonLines lines = new JsonLines(file)) {
            assertThrows(ResultsFileException.class, lines::next);
        }
    }
}
