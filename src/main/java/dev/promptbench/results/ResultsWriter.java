package dev.promptbench.results;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptbench.results.request.Reply;
import dev.promptbench.results.request.RequestResult;
import dev.promptbench.results.request.ResultSink;
import dev.promptbench.stats.ModeSummary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes the JSON Lines results file (schema version {@value #SCHEMA_VERSION}): a {@code run} header, one
 * {@code request} record per request as it completes, a {@code summary} record per mode, and the
 * {@code resume}, {@code sweep_step} and {@code limit} markers. Each line is flushed when written, so a
 * killed run leaves every finished request on disk. {@link ResultsReader} is its inverse.
 */
public final class ResultsWriter implements ResultSink, AutoCloseable {
    /** The major version of the format: a reader refuses files of a later one. Adding keys keeps it. */
    public static final int SCHEMA_VERSION = 1;

    private final OutputStream out;
    private final JsonGenerator json;

    private ResultsWriter(OutputStream out) throws IOException {
        this.out = out;
        this.json = RecordJson.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
        this.json.setRootValueSeparator(null);
    }

    /**
     * Writes the results to {@code out} (an output file opened by the command, which decides whether an
     * existing file may be replaced or is appended to); lines are buffered and flushed one by one.
     */
    public static ResultsWriter writingTo(OutputStream out) throws IOException {
        return new ResultsWriter(new BufferedOutputStream(out, 1 << 16));
    }

    /** Writes a {@code resume} record: what follows continues the run above it. */
    public void writeResume(RunHeader header, Map<String, Integer> remaining) {
        ObjectNode node = RecordJson.MAPPER.createObjectNode();
        node.put("type", "resume");
        node.put("promptbench_version", header.version());
        node.put("started_at", header.startedAt().toString());
        node.put("prompt_file", header.prompts().file());
        node.put("prompt_file_sha256", header.prompts().sha256());
        ObjectNode left = node.putObject("remaining");
        remaining.forEach(left::put);
        writeLine(node);
    }

    /** Marks the start of a sweep step: the records that follow, up to the next marker, belong to it. */
    public void writeSweepStep(int threads, int requests) {
        ObjectNode node = RecordJson.MAPPER.createObjectNode();
        node.put("type", "sweep_step");
        node.put("threads", threads);
        node.put("requests", requests);
        writeLine(node);
    }

    /**
     * Writes a {@code limit} record: adaptive concurrency changed its limit on requests in flight.
     *
     * @param offsetMs when, after the mode (repeat) started
     * @param reason   why, in a few words ("429", "slow start", "headroom 8%, falling")
     */
    public void writeLimitChange(String mode, int repeat, double offsetMs, int limit, String reason) {
        ObjectNode node = RecordJson.MAPPER.createObjectNode();
        node.put("type", "limit");
        node.put("mode", mode);
        node.put("repeat", repeat);
        node.put("offset_ms", RecordJson.round(offsetMs));
        node.put("limit", limit);
        node.put("reason", reason);
        writeLine(node);
    }

    /** Writes the {@code run} header record. */
    public void writeHeader(RunHeader header) {
        ObjectNode node = RecordJson.MAPPER.createObjectNode();
        node.put("type", "run");
        node.put("schema_version", SCHEMA_VERSION);
        node.put("promptbench_version", header.version());
        node.put("started_at", header.startedAt().toString());
        node.put("java", header.machine().java());
        node.put("os", header.machine().os());
        node.put("cores", header.machine().cores());
        node.put("prompt_file", header.prompts().file());
        node.put("prompt_file_sha256", header.prompts().sha256());
        node.put("prompts", header.prompts().count());
        node.put("simulated", header.simulated());
        node.set("endpoint", RecordJson.endpoint(header.endpoints().get(0)));
        var endpoints = node.putArray("endpoints");
        header.endpoints().forEach(e -> endpoints.add(RecordJson.endpoint(e)));
        node.set("config", RecordJson.config(header.config()));
        if (!header.settings().isEmpty()) {
            ObjectNode settings = node.putObject("settings");
            header.settings().forEach(settings::put);
        }
        if (header.canary() != null) {
            ObjectNode canary = node.putObject("canary");
            canary.put("status", header.canary().status());
            canary.put("http_status", header.canary().httpStatus());
            canary.put("latency_ms", header.canary().latencyMs() == null ? null
                    : RecordJson.round(header.canary().latencyMs()));
            canary.put("message", header.canary().message());
        }
        writeLine(node);
    }

    /** Writes one {@code request} record. */
    @Override
    public void accept(RequestResult r) {
        try {
            RequestRecord.write(json, r);
            endLine();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the results file", e);
        }
    }

    /** Writes the {@code run} header of a Batch API run ({@code mode "batch"}) with its parts. */
    public void writeBatchHeader(RunHeader header, String stateFile, java.util.List<BatchPartInfo> parts) {
        ObjectNode node = RecordJson.MAPPER.createObjectNode();
        node.put("type", "run");
        node.put("schema_version", SCHEMA_VERSION);
        node.put("mode", "batch");
        node.put("promptbench_version", header.version());
        node.put("started_at", header.startedAt().toString());
        node.put("prompt_file", header.prompts().file());
        node.put("prompt_file_sha256", header.prompts().sha256());
        node.put("prompts", header.prompts().count());
        node.put("simulated", header.simulated());
        node.set("endpoint", RecordJson.endpoint(header.endpoints().get(0)));
        if (header.config() != null) node.set("config", RecordJson.config(header.config()));
        node.put("state_file", stateFile);
        var list = node.putArray("parts");
        for (BatchPartInfo part : parts) {
            ObjectNode p = list.addObject();
            p.put("part", part.number());
            p.put("round", part.round());
            p.put("batch_id", part.batchId());
            p.put("status", part.status());
            p.put("prompts", part.prompts());
            p.put("total", part.counts().total());
            p.put("completed", part.counts().completed());
            p.put("failed", part.counts().failed());
            BatchPartInfo.Times times = part.times();
            p.put("created_at", text(times.createdAt()));
            p.put("in_progress_at", text(times.inProgressAt()));
            p.put("finalizing_at", text(times.finalizingAt()));
            p.put("ended_at", text(times.endedAt()));
        }
        writeLine(node);
    }

    private static String text(java.time.Instant at) {
        return at == null ? null : at.toString();
    }

    /** Writes one prompt's {@code request} record of a Batch API run. */
    public void writeBatchRequest(BatchRequest r) {
        ObjectNode node = RecordJson.MAPPER.createObjectNode();
        node.put("type", "request");
        node.put("mode", "batch");
        node.put("index", r.index());
        node.put("id", r.id());
        Reply reply = r.reply();
        node.put("status", reply.status().wireName());
        node.put("finish_reason", reply.finishReason());
        node.put("http_status", reply.httpStatus());
        if (reply.error() == null) {
            node.putNull("error");
        } else {
            ObjectNode error = node.putObject("error");
            error.put("kind", reply.error().kind());
            error.put("code", reply.error().code());
            error.put("message", reply.error().message());
        }
        node.put("attempts", r.attempts());
        BatchRequest.Tokens counts = r.tokens();
        if (counts.unknown()) {
            node.putNull("tokens");
        } else {
            ObjectNode tokens = node.putObject("tokens");
            tokens.put("prompt", counts.prompt());
            tokens.put("completion", counts.completion());
            tokens.put("reasoning", counts.reasoning());
            tokens.put("cached", counts.cached());
        }
        node.put("cost", r.cost() == null ? null : RecordJson.roundCost(r.cost()));
        node.put("batch_id", r.line().batchId());
        node.put("part", r.line().part());
        node.put("batch_request_id", r.line().batchRequestId());
        node.put("request_id", reply.requestId());
        node.put("model", reply.model());
        node.put("answer", reply.answer());
        writeLine(node);
    }

    /** Writes the {@code summary} record of a Batch API run. */
    public void writeBatchSummary(BatchSummary summary) {
        ObjectNode node = RecordJson.MAPPER.createObjectNode();
        node.put("type", "summary");
        node.put("mode", "batch");
        node.put("prompts", summary.prompts());
        node.put("ok", summary.ok());
        node.put("filtered", summary.filtered());
        node.put("errors", summary.errors());
        node.put("not_run", summary.notRun());
        node.put("wall_ms", summary.wallMs() == null ? null : RecordJson.round(summary.wallMs()));
        node.put("prompt_tokens", summary.promptTokens());
        node.put("completion_tokens", summary.completionTokens());
        node.put("unjoined_lines", summary.anomalies());
        writeLine(node);
    }

    /**
     * Writes a {@code breaker} record: the circuit breaker stopped this mode (the endpoint stopped answering);
     * the mode's remaining prompts are recorded not_run.
     */
    public void writeBreaker(BreakerTrip trip) {
        ObjectNode node = RecordJson.MAPPER.createObjectNode();
        node.put("type", "breaker");
        node.put("mode", trip.mode().wireName());
        node.put("repeat", trip.repeat());
        node.put("failures", trip.failures());
        ObjectNode last = node.putObject("last_error");
        last.put("kind", trip.lastKind());
        last.put("message", trip.lastMessage());
        node.put("endpoint", trip.endpoint());
        writeLine(node);
    }

    /**
     * Writes a {@code stop} record: the run stopped in {@code mode} because a 429 said the quota is used up
     * ({@code cause} {@code quota_exhausted}); {@code message} says it as the run's last line does.
     */
    public void writeStop(String mode, int repeat, String cause, String message) {
        ObjectNode node = RecordJson.MAPPER.createObjectNode();
        node.put("type", "stop");
        node.put("mode", mode);
        node.put("repeat", repeat);
        node.put("cause", cause);
        node.put("message", message);
        writeLine(node);
    }

    /** Writes a mode's {@code summary} record: the same numbers as the JSON report, histograms included. */
    public void writeSummary(ModeSummary summary) {
        ObjectNode node = RecordJson.MAPPER.createObjectNode();
        node.put("type", "summary");
        node.put("mode", summary.mode().wireName());
        node.put("repeat", summary.repeat());
        node.setAll(RecordJson.mode(summary));
        // wall_ms is rounded to microseconds; the exact wall lets `report` recompute the speedup to the digit.
        node.put("wall_ns", Math.round(summary.wallMs() * 1e6));
        ObjectNode histograms = node.putObject("histograms");
        summary.histograms().forEach(histograms::put);
        writeLine(node);
    }

    private void writeLine(ObjectNode node) {
        try {
            RecordJson.MAPPER.writeTree(json, node);
            endLine();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the results file", e);
        }
    }

    private void endLine() throws IOException {
        json.flush();
        out.write('\n');
        out.flush();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
