package dev.promptbench.report;

import dev.promptbench.results.RecordJson;
import dev.promptbench.results.request.Mode;
import dev.promptbench.stats.ModeResults;
import dev.promptbench.stats.ModeSummary;
import dev.promptbench.stats.Percentiles;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The per-mode summary as CSV (RFC 4180: a header row, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break) for spreadsheets and scripts. One row per mode; with several repeats, one
 * row per repeat ({@code repeat} 0, 1, ...) and then the mode's {@code median} row, which holds the same
 * numbers as {@code modes.<mode>} in the JSON report. Times in milliseconds, rounded as in the JSON;
 * an empty field is a figure that does not apply.
 */
public final class CsvReporter implements Reporter {
    private static final String CRLF = "\r\n";

    /** One column: its name and how a row fills it. */
    private record Column(String name, Function<Row, Object> value) {}

    /** The figures of one row: a summary, the wall time that replaces its own, and the run's speedup. */
    private record Row(String repeat, ModeSummary summary, double wallMs, Double speedup) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("mode", r -> r.summary().mode().wireName()),
            new Column("repeat", Row::repeat),
            new Column("threads", r -> r.summary().mode() == Mode.BATCH ? null : r.summary().threads()),
            new Column("wall_ms", r -> RecordJson.round(r.wallMs())),
            new Column("requests", r -> r.summary().requests()),
            new Column("ok", r -> r.summary().ok()),
            new Column("errors", r -> r.summary().errors()),
            new Column("filtered", r -> r.summary().filtered()),
            new Column("refused", r -> r.summary().refused()),
            new Column("not_run", r -> r.summary().notRun()),
            new Column("requests_per_s", r -> RecordJson.round(r.summary().requestsPerS())),
            new Column("latency_p50_ms", r -> ms(r.summary().latency(), Percentiles::p50)),
            new Column("latency_p90_ms", r -> ms(r.summary().latency(), Percentiles::p90)),
            new Column("latency_p95_ms", r -> ms(r.summary().latency(), Percentiles::p95)),
            new Column("latency_p99_ms", r -> ms(r.summary().latency(), Percentiles::p99)),
            new Column("latency_max_ms", r -> ms(r.summary().latency(), Percentiles::max)),
            new Column("ttft_p50_ms", r -> ms(stream(r, ModeSummary.StreamPercentiles::ttft), Percentiles::p50)),
            new Column("ttft_p95_ms", r -> ms(stream(r, ModeSummary.StreamPercentiles::ttft), Percentiles::p95)),
            new Column("tpot_p50_ms", r -> ms(stream(r, ModeSummary.StreamPercentiles::tpot), Percentiles::p50)),
            new Column("queue_p50_ms", r -> ms(r.summary().queue(), Percentiles::p50)),
            new Column("queue_p99_ms", r -> ms(r.summary().queue(), Percentiles::p99)),
            new Column("arrival", r -> r.summary().rate() == null ? null : r.summary().rate().arrival()),
            new Column("asked_per_s", r -> r.summary().rate() == null ? null : RecordJson.round(r.summary().rate().asked())),
            new Column("achieved_per_s",
                    r -> r.summary().rate() == null ? null : RecordJson.round(r.summary().rate().achieved())),
            new Column("prompt_tokens", r -> r.summary().tokens().prompt()),
            new Column("completion_tokens", r -> r.summary().tokens().completion()),
            new Column("completion_tokens_per_s", r -> r.summary().tokens().completionPerS() == null ? null
                    : RecordJson.round(r.summary().tokens().completionPerS())),
            new Column("reasoning_tokens", r -> r.summary().tokens().reasoning()),
            new Column("cached_tokens", r -> r.summary().tokens().cached()),
            new Column("reasoning_share", r -> r.summary().tokens().reasoningShare() == null ? null
                    : RecordJson.round4(r.summary().tokens().reasoningShare())),
            new Column("cached_share", r -> r.summary().tokens().cachedShare() == null ? null
                    : RecordJson.round4(r.summary().tokens().cachedShare())),
            new Column("answers_without_usage", r -> r.summary().tokens().withoutUsage()),
            new Column("cost", r -> r.summary().billing().cost() == null ? null
                    : RecordJson.roundCost(r.summary().billing().cost())),
            new Column("cost_per_1k", r -> r.summary().billing().costPer1k() == null ? null
                    : RecordJson.roundCost(r.summary().billing().costPer1k())),
            new Column("retries", r -> attempts(r, ModeSummary::retries)),
            new Column("rate_limited", r -> attempts(r, ModeSummary::rateLimited)),
            new Column("rate_limited_by_cause", r -> r.summary().attemptsKnown() ? rateLimitedByCause(r) : null),
            new Column("retries_after_send", r -> attempts(r, ModeSummary::retriesAfterSend)),
            new Column("wait_ms", r -> attempts(r, s -> RecordJson.round(s.waitMs()))),
            new Column("lower_bound_ms", r -> r.summary().lowerBoundMs() == null ? null
                    : RecordJson.round(r.summary().lowerBoundMs())),
            new Column("efficiency", r -> r.summary().efficiency() == null ? null
                    : RecordJson.round4(r.summary().efficiency())),
            new Column("errors_by_kind", CsvReporter::errorsByKind),
            new Column("speedup", r -> r.speedup() == null ? null : RecordJson.round4(r.speedup())));

    @Override
    public void write(RunReport report, PrintWriter out) {
        out.print(line(names()));
        fields(report).forEach(fields -> out.print(line(fields)));
        out.flush();
    }

    /** The header row's names. */
    static List<String> names() {
        return COLUMNS.stream().map(Column::name).toList();
    }

    /** The report's rows, each as its fields (unquoted). */
    static List<List<String>> fields(RunReport report) {
        List<List<String>> lines = new ArrayList<>();
        for (Row row : rows(report)) {
            List<String> fields = new ArrayList<>();
            for (Column column : COLUMNS) fields.add(text(column.value().apply(row)));
            lines.add(fields);
        }
        return lines;
    }

    private static List<Row> rows(RunReport report) {
        Double speedup = report.comparison() == null ? null : report.comparison().speedup();
        List<Row> rows = new ArrayList<>();
        for (ModeResults results : report.modes().values()) {
            if (results.repeats().size() > 1) {
                for (ModeSummary s : results.repeats()) {
                    rows.add(new Row(Integer.toString(s.repeat()), s, s.wallMs(), null));
                }
                // The median wall, with percentiles over every repeat's requests pooled.
                rows.add(new Row("median", results.headline(), results.wallMs().median(), speedup));
            } else {
                ModeSummary s = results.headline();
                rows.add(new Row(Integer.toString(s.repeat()), s, s.wallMs(), speedup));
            }
        }
        return rows;
    }

    private static Percentiles stream(Row row, Function<ModeSummary.StreamPercentiles, Percentiles> which) {
        return row.summary().stream() == null ? null : which.apply(row.summary().stream());
    }

    private static Double ms(Percentiles p, Function<Percentiles, Double> which) {
        return p == null ? null : RecordJson.round(which.apply(p));
    }

    /** A figure of the attempts, or null (an empty cell) where the service does not tell them (a batch). */
    private static Object attempts(Row row, Function<ModeSummary, Object> figure) {
        return row.summary().attemptsKnown() ? figure.apply(row.summary()) : null;
    }

    /** "rate_limited=3 server_error=1": one field, ordered by kind. */
    private static String errorsByKind(Row row) {
        List<String> parts = new ArrayList<>();
        row.summary().errorsByKind().forEach((kind, n) -> parts.add(kind + "=" + n));
        return String.join(" ", parts);
    }

    /** {@code token_rate=3 capacity=1}, as errors_by_kind. */
    private static String rateLimitedByCause(Row row) {
        List<String> parts = new ArrayList<>();
        row.summary().rateLimitedBy().forEach((cause, n) -> parts.add(cause + "=" + n));
        return String.join(" ", parts);
    }

    private static String text(Object value) {
        if (value == null) return "";
        // Plain decimals, never 1.0E-4: every spreadsheet and parser reads them the same way.
        if (value instanceof Double d) return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        return value.toString();
    }

    static String line(List<String> fields) {
        List<String> quoted = new ArrayList<>(fields.size());
        for (String field : fields) quoted.add(quote(field));
        return String.join(",", quoted) + CRLF;
    }

    /** RFC 4180: a field with a comma, quote or line break goes in quotes, its quotes doubled. */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
