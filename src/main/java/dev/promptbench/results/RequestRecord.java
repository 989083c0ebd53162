package dev.promptbench.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.promptbench.results.request.Attempts;
import dev.promptbench.results.request.ConnectionTimes;
import dev.promptbench.results.request.Mode;
import dev.promptbench.results.request.RateLimitHeaders;
import dev.promptbench.results.request.Reply;
import dev.promptbench.results.request.RequestError;
import dev.promptbench.results.request.RequestKey;
import dev.promptbench.results.request.RequestResult;
import dev.promptbench.results.request.RequestStatus;
import dev.promptbench.results.request.RequestTimes;
import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.results.request.StreamMetrics;
import dev.promptbench.results.request.ThrottleCause;
import dev.promptbench.results.request.ThrottleCounts;
import dev.promptbench.results.request.Usage;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code request} record of the results file, written and read back in one place: each part of a
 * {@link RequestResult} (key, reply, attempts, rate limits, times, stream, connection, tokens) has its keys written
 * and read side by side, so a new per-request figure changes this file once. Request records, most of a
 * file, are written and read as a stream of tokens without a tree (the answer text is skipped unread
 * when a reader does not want it); unknown keys are skipped and missing ones read as absent.
 */
final class RequestRecord {
    private RequestRecord() {}

    /** Writes one request record as a JSON object. */
    static void write(JsonGenerator json, RequestResult r) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "request");
        json.writeStringField("mode", r.mode().wireName());
        json.writeNumberField("repeat", r.repeat());
        json.writeNumberField("index", r.index());
        json.writeStringField("id", r.promptId());
        if (r.warmup()) json.writeBooleanField("warmup", true);
        json.writeStringField("status", r.status().wireName());
        json.writeStringField("finish_reason", r.finishReason());
        writeNullableInt(json, "http_status", r.httpStatus());
        writeError(json, r.error());
        writeAttempts(json, r.attempts());
        writeRateLimits(json, r.attempts().throttled(), r.reply().rateLimits());
        json.writeNumberField("start_offset_ms", ms(r.times().startOffsetNanos()));
        json.writeNumberField("end_offset_ms", ms(r.times().endOffsetNanos()));
        json.writeNumberField("latency_ms", ms(r.times().latencyNanos()));
        json.writeNumberField("queue_ms", ms(r.times().queueNanos()));
        if (r.stream() != null) writeStream(json, r.stream());
        if (r.connection() != null) writeConnection(json, r.connection());
        writeUsage(json, r.usage());
        ServiceTier served = r.reply().servedTier();
        json.writeStringField("service_tier", served == null ? null : served.wireName());
        if (r.cost() == null) json.writeNullField("cost");
        else json.writeNumberField("cost", RecordJson.roundCost(r.cost()));
        json.writeNumberField("lane", r.lane());
        json.writeStringField("endpoint", r.endpoint());
        json.writeStringField("request_id", r.requestId());
        json.writeStringField("model", r.model());
        json.writeStringField("answer", r.answer());
        // Only an answer the model refused has this: its text, which is not the answer.
        if (r.reply().refused()) json.writeStringField("refusal", r.reply().refusal());
        json.writeEndObject();
    }

    /**
     * One request record, from a parser just inside its object (any fields already read are skipped
     * by the caller); the parser ends at the object's end.
     *
     * @return the record, or null when its mode is one this version does not know ({@code unknownMode} is told)
     */
    static RequestResult read(JsonParser p, Consumer<String> unknownMode) throws IOException {
        Fields f = new Fields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            f.read(field, value, p);
        }
        Mode mode = RecordDecoder.mode(f.mode);
        if (mode == null) {
            unknownMode.accept(f.mode);
            return null;
        }
        return f.toResult(mode);
    }

    private static void writeError(JsonGenerator json, RequestError error) throws IOException {
        if (error == null) {
            json.writeNullField("error");
            return;
        }
        json.writeObjectFieldStart("error");
        json.writeStringField("kind", error.kind());
        json.writeStringField("code", error.code());
        json.writeStringField("message", error.message());
        json.writeEndObject();
    }

    private static RequestError readError(JsonParser p) throws IOException {
        String kind = null;
        String code = null;
        String message = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "kind" -> kind = p.getValueAsString();
                case "code" -> code = p.getValueAsString();
                case "message" -> message = p.getValueAsString();
                default -> p.skipChildren();
            }
        }
        return new RequestError(kind == null ? "unknown" : kind, code, message);
    }

    private static void writeAttempts(JsonGenerator json, Attempts attempts) throws IOException {
        json.writeNumberField("attempts", attempts.count());
        json.writeNumberField("rate_limited", attempts.rateLimited());
        json.writeNumberField("retries_after_send", attempts.retriesAfterSend());
        json.writeNumberField("wait_ms", RecordJson.round(attempts.waitNanos() / 1e6));
    }

    /**
     * The {@code rate_limits} object, when a 429 was met or the answer said anything of its limits: the
     * 429s by cause, then the final answer's headers (null when not sent).
     */
    private static void writeRateLimits(JsonGenerator json, ThrottleCounts throttled, RateLimitHeaders headers)
            throws IOException {
        if (throttled.total() == 0 && headers.isEmpty()) return;
        json.writeObjectFieldStart("rate_limits");
        json.writeObjectFieldStart("causes");
        for (Map.Entry<ThrottleCause, Integer> cause : throttled.byCause().entrySet()) {
            json.writeNumberField(cause.getKey().wireName(), cause.getValue());
        }
        json.writeEndObject();
        writeNullableInt(json, "limit_requests", headers.limitRequests());
        writeNullableInt(json, "limit_tokens", headers.limitTokens());
        writeNullableInt(json, "remaining_requests", headers.remainingRequests());
        writeNullableInt(json, "remaining_tokens", headers.remainingTokens());
        writeNullableLong(json, "reset_requests_ms", headers.resetRequestsMs());
        writeNullableLong(json, "reset_tokens_ms", headers.resetTokensMs());
        json.writeStringField("spillover_from", headers.spilloverFrom());
        json.writeStringField("spillover_error", headers.spilloverError());
        json.writeEndObject();
    }

    /** Reads {@code rate_limits} into {@code f}: the causes and the headers. */
    private static void readRateLimits(JsonParser p, Fields f) throws IOException {
        Integer[] ints = new Integer[4];
        Long[] resets = new Long[2];
        String[] spillover = new String[2];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "causes" -> f.causes = value == JsonToken.START_OBJECT ? readCauses(p) : null;
                case "limit_requests" -> ints[0] = value.isNumeric() ? p.getIntValue() : null;
                case "limit_tokens" -> ints[1] = value.isNumeric() ? p.getIntValue() : null;
                case "remaining_requests" -> ints[2] = value.isNumeric() ? p.getIntValue() : null;
                case "remaining_tokens" -> ints[3] = value.isNumeric() ? p.getIntValue() : null;
                case "reset_requests_ms" -> resets[0] = value.isNumeric() ? p.getLongValue() : null;
                case "reset_tokens_ms" -> resets[1] = value.isNumeric() ? p.getLongValue() : null;
                case "spillover_from" -> spillover[0] = p.getValueAsString();
                case "spillover_error" -> spillover[1] = p.getValueAsString();
                default -> p.skipChildren();
            }
        }
        RateLimitHeaders headers = new RateLimitHeaders(ints[2], ints[3], ints[0], ints[1], resets[0], resets[1],
                spillover[0], spillover[1]);
        f.rateLimits = headers.isEmpty() ? RateLimitHeaders.NONE : headers;
    }

    /** The 429s by cause; a cause this version does not know counts as unknown. */
    private static ThrottleCounts readCauses(JsonParser p) throws IOException {
        Map<ThrottleCause, Integer> causes = new EnumMap<>(ThrottleCause.class);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            ThrottleCause cause = ThrottleCause.named(p.currentName());
            p.nextToken();
            int count = Math.max(0, p.getValueAsInt(0));
            causes.merge(cause == null ? ThrottleCause.UNKNOWN : cause, count, Integer::sum);
        }
        return new ThrottleCounts(causes);
    }

    private static void writeStream(JsonGenerator json, StreamMetrics stream) throws IOException {
        json.writeNumberField("ttft_ms", ms(stream.firstContentNanos()));
        if (stream.tpotNanos() == null) json.writeNullField("tpot_ms");
        else json.writeNumberField("tpot_ms", RecordJson.round(stream.tpotNanos() / 1e6));
        json.writeNumberField("chunks", stream.chunks());
        json.writeObjectFieldStart("chunk_gap_ms");
        json.writeNumberField("p50", ms(stream.chunkGapP50Nanos()));
        json.writeNumberField("max", ms(stream.chunkGapMaxNanos()));
        json.writeEndObject();
        if (stream.decodeTokensPerS() == null) json.writeNullField("decode_tokens_per_s");
        else json.writeNumberField("decode_tokens_per_s", RecordJson.round(stream.decodeTokensPerS()));
        json.writeBooleanField("tokens_estimated", stream.tokensEstimated());
        if (stream.sawReasoning()) {
            // Only streams that showed their reasoning have this (the Responses API's reasoning events).
            json.writeNumberField("first_reasoning_ms", ms(stream.firstReasoningNanos()));
        }
    }

    private static void writeConnection(JsonGenerator json, ConnectionTimes connection) throws IOException {
        json.writeNumberField("dns_ms", ms(connection.dnsNanos()));
        json.writeNumberField("connect_ms", ms(connection.connectNanos()));
        json.writeNumberField("tls_ms", ms(connection.tlsNanos()));
        json.writeNumberField("headers_ms", ms(connection.headersNanos()));
        json.writeStringField("protocol", connection.protocol());
        json.writeBooleanField("reused_connection", connection.reused());
    }

    private static void writeUsage(JsonGenerator json, Usage usage) throws IOException {
        if (usage == null) {
            json.writeNullField("tokens");
            return;
        }
        json.writeObjectFieldStart("tokens");
        json.writeNumberField("prompt", usage.promptTokens());
        json.writeNumberField("completion", usage.completionTokens());
        writeNullableInt(json, "reasoning", usage.reasoningTokens());
        writeNullableInt(json, "cached", usage.cachedTokens());
        json.writeEndObject();
    }

    private static Usage readUsage(JsonParser p) throws IOException {
        int prompt = 0;
        int completion = 0;
        Integer reasoning = null;
        Integer cached = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "prompt" -> prompt = p.getValueAsInt(0);
                case "completion" -> completion = p.getValueAsInt(0);
                // Older files lack these: unknown, not 0.
                case "reasoning" -> reasoning = value.isNumeric() ? p.getIntValue() : null;
                case "cached" -> cached = value.isNumeric() ? p.getIntValue() : null;
                default -> p.skipChildren();
            }
        }
        return new Usage(prompt, completion, reasoning, cached);
    }

    private static void writeNullableInt(JsonGenerator json, String name, Integer value) throws IOException {
        if (value == null) json.writeNullField(name);
        else json.writeNumberField(name, value);
    }

    private static void writeNullableLong(JsonGenerator json, String name, Long value) throws IOException {
        if (value == null) json.writeNullField(name);
        else json.writeNumberField(name, value);
    }

    private static double ms(long nanos) {
        return RecordJson.round(nanos / 1e6);
    }

    /** Milliseconds as written (to the microsecond) back to nanoseconds. */
    private static long nanos(double ms) {
        return Math.round(ms * 1e6);
    }

    /** The keys of one request record as they are read, in any order, grouped by the part they build. */
    private static final class Fields {
        // key
        String mode = "";
        int repeat;
        int index = -1;
        String id;
        boolean warmup;
        // reply
        String status = "";
        String finishReason;
        Integer httpStatus;
        RequestError error;
        String requestId;
        String model;
        String answer;
        String refusal;
        // attempts
        int attempts = 1;
        int rateLimited;
        int retriesAfterSend;
        double waitMs;
        // rate limits
        ThrottleCounts causes;
        RateLimitHeaders rateLimits;
        // times (a Batch API line has none)
        boolean timed;
        double startMs;
        double endMs;
        double latencyMs;
        double queueMs;
        // stream
        Double ttftMs;
        Double firstReasoningMs;
        Double tpotMs;
        int chunks;
        double gapP50Ms;
        double gapMaxMs;
        boolean tokensEstimated;
        // connection
        Double dnsMs;
        double connectMs;
        double tlsMs;
        double headersMs;
        String protocol;
        boolean reused;
        // tokens, worker
        Usage usage;
        ServiceTier servedTier;
        Double cost;
        int lane = -1;
        String endpoint;

        void read(String field, JsonToken value, JsonParser p) throws IOException {
            switch (field) {
                case "mode" -> mode = p.getValueAsString("");
                case "repeat" -> repeat = p.getValueAsInt(0);
                case "index" -> index = p.getValueAsInt(-1);
                case "id" -> id = p.getValueAsString();
                case "warmup" -> warmup = p.getValueAsBoolean(false);
                case "status" -> status = p.getValueAsString("");
                case "finish_reason" -> finishReason = p.getValueAsString();
                case "http_status" -> httpStatus = value.isNumeric() ? p.getIntValue() : null;
                case "error" -> error = value == JsonToken.START_OBJECT ? readError(p) : null;
                case "request_id" -> requestId = p.getValueAsString();
                case "model" -> model = p.getValueAsString();
                case "answer" -> answer = p.getValueAsString();
                case "refusal" -> refusal = p.getValueAsString();
                case "attempts" -> attempts = p.getValueAsInt(1);
                case "rate_limited" -> rateLimited = p.getValueAsInt(0);
                case "retries_after_send" -> retriesAfterSend = p.getValueAsInt(0);
                case "wait_ms" -> waitMs = p.getValueAsDouble(0);
                case "rate_limits" -> {
                    if (value == JsonToken.START_OBJECT) readRateLimits(p, this);
                    else p.skipChildren();
                }
                case "start_offset_ms" -> startMs = timed(p);
                case "end_offset_ms" -> endMs = timed(p);
                case "latency_ms" -> latencyMs = timed(p);
                case "queue_ms" -> queueMs = timed(p);
                case "ttft_ms" -> ttftMs = value.isNumeric() ? p.getDoubleValue() : null;
                case "tpot_ms" -> tpotMs = value.isNumeric() ? p.getDoubleValue() : null;
                case "chunks" -> chunks = p.getValueAsInt(0);
                case "chunk_gap_ms" -> readGap(value, p);
                case "tokens_estimated" -> tokensEstimated = p.getValueAsBoolean(false);
                case "first_reasoning_ms" -> firstReasoningMs = value.isNumeric() ? p.getDoubleValue() : null;
                case "dns_ms" -> dnsMs = value.isNumeric() ? p.getDoubleValue() : null;
                case "connect_ms" -> connectMs = p.getValueAsDouble(0);
                case "tls_ms" -> tlsMs = p.getValueAsDouble(0);
                case "headers_ms" -> headersMs = p.getValueAsDouble(0);
                case "protocol" -> protocol = p.getValueAsString();
                case "reused_connection" -> reused = p.getValueAsBoolean(false);
                case "tokens" -> usage = value == JsonToken.START_OBJECT ? readUsage(p) : null;
                case "service_tier" -> servedTier = ServiceTier.parse(p.getValueAsString()).orElse(null);
                case "cost" -> cost = value.isNumeric() ? p.getDoubleValue() : null;
                case "lane" -> lane = p.getValueAsInt(-1);
                case "endpoint" -> endpoint = p.getValueAsString();
                default -> p.skipChildren();
            }
        }

        /** A time of the record: a record with none (a Batch API line) has its times unknown. */
        private double timed(JsonParser p) throws IOException {
            timed = true;
            return p.getValueAsDouble(0);
        }

        private void readGap(JsonToken value, JsonParser p) throws IOException {
            if (value != JsonToken.START_OBJECT) return;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "p50" -> gapP50Ms = p.getValueAsDouble(0);
                    case "max" -> gapMaxMs = p.getValueAsDouble(0);
                    default -> p.skipChildren();
                }
            }
        }

        RequestResult toResult(Mode mode) {
            long start = nanos(startMs);
            RequestTimes times = !timed ? null
                    : new RequestTimes(start - nanos(queueMs), start, nanos(endMs), nanos(latencyMs));
            return new RequestResult(new RequestKey(mode, repeat, index, id, warmup),
                    new Reply(status(), finishReason, httpStatus, error, requestId, model, answer, rateLimits,
                            servedTier, refusal),
                    new Attempts(attempts, nanos(waitMs), rateLimited, retriesAfterSend, throttled()), times,
                    usage, stream(),
                    dnsMs == null ? null : new ConnectionTimes(nanos(dnsMs), nanos(connectMs), nanos(tlsMs),
                            nanos(headersMs), protocol, reused),
                    lane, endpoint, cost);
        }

        /** The 429s by cause, or null: older files leave them unknown (as {@link Attempts} does). */
        private ThrottleCounts throttled() {
            return causes;
        }

        /** An unknown status counts as an error, as it cannot be counted as an answer. */
        private RequestStatus status() {
            for (RequestStatus s : RequestStatus.values()) {
                if (s.wireName().equals(status)) return s;
            }
            return RequestStatus.ERROR;
        }

        /**
         * The stream's timing as recorded: its first token, gaps and pace. The file keeps the time per
         * token rather than the last token's instant, so the last instant is rebuilt from it (over
         * however many tokens: the pace comes out the same).
         */
        private StreamMetrics stream() {
            if (ttftMs == null) return null;
            long first = nanos(ttftMs);
            int tokens = tpotMs == null ? 0 : Math.max(2, usage == null ? 2 : usage.visibleTokens());
            long last = tpotMs == null ? first : first + Math.round(tpotMs * 1e6 * (tokens - 1));
            return new StreamMetrics(first, last, chunks, nanos(gapP50Ms), nanos(gapMaxMs), tokens, tokensEstimated,
                    firstReasoningMs == null ? StreamMetrics.UNSET : nanos(firstReasoningMs));
        }
    }
}
