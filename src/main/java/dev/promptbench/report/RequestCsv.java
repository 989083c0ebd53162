package dev.promptbench.report;

import dev.promptbench.run.RequestResult;
import dev.promptbench.run.ResultSink;
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

/**
 * One CSV row per request ({@code --csv FILE}), written as each completes: the per-request figures of
 * the results file for spreadsheets, without the answers. RFC 4180 quoting, CRLF line ends.
 */
public final class RequestCsv implements ResultSink, AutoCloseable {
    static final List<String> HEADER = List.of("mode", "repeat", "index", "id", "warmup", "status", "error_kind",
            "http_status", "attempts", "rate_limited", "wait_ms", "start_offset_ms", "end_offset_ms", "latency_ms",
            "queue_ms", "ttft_ms", "tpot_ms", "prompt_tokens", "completion_tokens", "reasoning_tokens",
            "cached_tokens", "lane", "endpoint", "request_id");

    private final Writer out;

    private RequestCsv(Writer out) throws IOException {
        this.out = out;
        write(HEADER);
    }

    /** Writes the header row to {@code out}, then a row per request as each completes. */
    public static RequestCsv writingTo(OutputStream out) throws IOException {
        return new RequestCsv(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
    }

    @Override
    public void accept(RequestResult r) {
        List<String> row = new ArrayList<>(HEADER.size());
        row.add(r.mode().wireName());
        row.add(Integer.toString(r.repeat()));
        row.add(Integer.toString(r.index()));
        row.add(r.promptId());
        row.add(Boolean.toString(r.warmup()));
        row.add(r.status().wireName());
        row.add(r.error() == null ? "" : r.error().kind());
        row.add(r.httpStatus() == null ? "" : r.httpStatus().toString());
        row.add(Integer.toString(r.attempts().count()));
        row.add(Integer.toString(r.attempts().rateLimited()));
        row.add(ms(r.attempts().waitNanos()));
        row.add(ms(r.times().startOffsetNanos()));
        row.add(ms(r.times().endOffsetNanos()));
        row.add(ms(r.times().latencyNanos()));
        row.add(ms(r.times().queueNanos()));
        row.add(r.stream() == null || r.stream().chunks() == 0 ? "" : ms(r.stream().firstContentNanos()));
        row.add(r.stream() == null || r.stream().tpotNanos() == null ? ""
                : decimal(Math.round(r.stream().tpotNanos() / 1e3) / 1e3));
        row.add(r.usage() == null ? "" : Integer.toString(r.usage().promptTokens()));
        row.add(r.usage() == null ? "" : Integer.toString(r.usage().completionTokens()));
        row.add(r.usage() == null || r.usage().reasoningTokens() == null ? "" : r.usage().reasoningTokens().toString());
        row.add(r.usage() == null || r.usage().cachedTokens() == null ? "" : r.usage().cachedTokens().toString());
        row.add(Integer.toString(r.lane()));
        row.add(r.endpoint());
        row.add(r.requestId() == null ? "" : r.requestId());
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
}
