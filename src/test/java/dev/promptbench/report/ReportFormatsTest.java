package dev.promptbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The small pieces of the reporters: CSV quoting, markdown escaping. */
class ReportFormatsTest {
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
}
