package dev.promptbench.report;

import dev.promptbench.results.request.RequestResult;
import dev.promptbench.results.request.ResultSink;
import dev.promptbench.results.request.ThrottleCounts;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One CSV row per request ({@code --csv FILE}), written as each completes: the per-request figures of
 * the results file for spreadsheets, without the answers. RFC 4180 quoting, CRLF line ends.
 */
public final class RequestCsv implements ResultSink, AutoCloseable {
    /** One column: its header and how a request fills it ("" when unknown). One line per column. */
    private record Column(String name, Function<RequestResult, String> value) {}

    /** Requests in flight at most in the mode now running, or 0 before any started (unknown, written ""). */
    private volatile int threads;
    private volatile boolean started;

    /** The columns; {@code threads} is the mode's in progress, by which alone a sweep's steps differ. */
    private final List<Column> columns = List.of(
            new Column("mode", r -> r.mode().wireName()),
            new Column("repeat", r -> Integer.toString(r.repeat())),
            new Column("threads", r -> threads == 0 ? "" : Integer.toString(threads)),
            new Column("index", r -> Integer.toString(r.index())),
            new Column("id", RequestResult::promptId),
            new Column("warmup", r -> Boolean.toString(r.warmup())),
            new Column("status", r -> r.status().wireName()),
            new Column("error_kind", r -> r.error() == null ? "" : r.error().kind()),
            new Column("http_status", r -> r.httpStatus() == null ? "" : r.httpStatus().toString()),
            new Column("attempts", r -> Integer.toString(r.attempts().count())),
            new Column("rate_limited", r -> Integer.toString(r.attempts().rateLimited())),
            new Column("rate_limited_by_cause", r -> causes(r.attempts().throttled())),
            new Column("wait_ms", r -> ms(r.attempts().waitNanos())),
            new Column("start_offset_ms", r -> ms(r.times().startOffsetNanos())),
            new Column("end_offset_ms", r -> ms(r.times().endOffsetNanos())),
            new Column("latency_ms", r -> ms(r.times().latencyNanos())),
            new Column("queue_ms", r -> ms(r.times().queueNanos())),
            new Column("ttft_ms", r -> r.stream() == null || r.stream().chunks() == 0 ? ""
                    : ms(r.stream().firstContentNanos())),
            new Column("first_reasoning_ms", r -> r.stream() == null || !r.stream().sawReasoning() ? ""
                    : ms(r.stream().firstReasoningNanos())),
            new Column("tpot_ms", r -> r.stream() == null || r.stream().tpotNanos() == null ? ""
                    : decimal(Math.round(r.stream().tpotNanos() / 1e3) / 1e3)),
            new Column("prompt_tokens", r -> r.usage() == null ? "" : Integer.toString(r.usage().promptTokens())),
            new Column("completion_tokens", r -> r.usage() == null ? ""
                    : Integer.toString(r.usage().completionTokens())),
            new Column("reasoning_tokens", r -> r.usage() == null || r.usage().reasoningTokens() == null ? ""
                    : r.usage().reasoningTokens().toString()),
            new Column("cached_tokens", r -> r.usage() == null || r.usage().cachedTokens() == null ? ""
                    : r.usage().cachedTokens().toString()),
            new Column("service_tier", r -> r.reply().servedTier() == null ? "" : r.reply().servedTier().wireName()),
            new Column("refused", r -> r.ran() ? Boolean.toString(r.reply().refused()) : ""),
            new Column("lane", r -> Integer.toString(r.lane())),
            new Column("endpoint", RequestResult::endpoint),
            new Column("request_id", RequestResult::requestId));

    private final Writer out;

    private RequestCsv(Writer out) throws IOException {
        this.out = out;
        write(columns.stream().map(Column::name).toList());
    }

    /** Writes the header row to {@code out}, then a row per request as each completes. */
    public static RequestCsv writingTo(OutputStream out) throws IOException {
        return new RequestCsv(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
    }

    @Override
    public void modeStarted(int threads) {
        this.threads = threads;
        this.started = true;
    }

    /** True once a mode began: before that the file holds its header alone. */
    public boolean started() {
        return started;
    }

    @Override
    public void accept(RequestResult r) {
        List<String> row = new ArrayList<>(columns.size());
        for (Column column : columns) row.add(column.value().apply(r));
        try {
            write(row);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the --csv file", e);
        }
    }

    private void write(List<String> fields) throws IOException {
        List<String> quoted = new ArrayList<>(fields.size());
        for (String field : fields) quoted.add(CsvReporter.quote(field == null ? "" : field));
        out.write(String.join(",", quoted));
        out.write("\r\n");
        out.flush();
    }

    private static String ms(long nanos) {
        return decimal(Math.round(nanos / 1e3) / 1e3);
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** {@code token_rate=2 capacity=1}; empty without 429s. */
    private static String causes(ThrottleCounts throttled) {
        StringBuilder text = new StringBuilder();
        throttled.byCause().forEach((cause, n) -> text.append(text.length() == 0 ? "" : " ").append(cause.wireName())
                .append('=').append(n));
        return text.toString();
    }
}
