package dev.promptbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.run.Mode;
import dev.promptbench.stats.LowerBound;
import dev.promptbench.stats.ModeSummary;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * One mode's (one repeat's) figures recomputed from its request records, for a results file whose
 * summary records are missing (a killed run) or cover only part of it (a resumed run). It follows the
 * run's own statistics, at the file's resolution: times are stored to the microsecond, so percentiles
 * can differ from the run's by a microsecond. Only the lower-bound replay keeps one number per prompt.
 */
final class RequestTally {
    private final Mode mode;
    private final int repeat;
    private final int threads;
    private final ModeSummary.RateFigures openLoop;
    private final Histogram latency = new Histogram(3);
    private final Histogram ttft = new Histogram(3);
    private final Histogram tpot = new Histogram(3);
    private final Histogram chunkGap = new Histogram(3);
    private final Histogram decodeTokensPerS = new Histogram(3);
    private final Histogram queue = new Histogram(3);
    private final Map<String, Long> errorsByKind = new TreeMap<>();
    private long[] busyNanosByIndex = new long[0];
    private long requests;
    private long ok;
    private long errors;
    private long filtered;
    private long notRun;
    private long promptTokens;
    private long completionTokens;
    private long retries;
    private long rateLimited;
    private long retriesAfterSend;
    private double waitMs;
    private long streamed;
    private long estimatedTokens;

    /**
     * @param threads  workers of the mode (1 for sequential)
     * @param openLoop the open-loop rate as a summary record gave it (achieved is recomputed), or null for
     *                 a closed-loop mode
     */
    RequestTally(Mode mode, int repeat, int threads, ModeSummary.RateFigures openLoop) {
        this.mode = mode;
        this.repeat = repeat;
        this.threads = threads;
        this.openLoop = openLoop;
    }

    /** Counts one request record: the last one of its prompt, warm-ups already left out. */
    void add(JsonNode r) {
        requests++;
        String status = r.path("status").asText();
        switch (status) {
            case "ok" -> ok++;
            case "filtered" -> filtered++;
            case "not_run" -> notRun++;
            default -> {
                errors++;
                JsonNode kind = r.path("error").path("kind");
                errorsByKind.merge(kind.isTextual() ? kind.asText() : "unknown", 1L, Long::sum);
            }
        }
        if ("not_run".equals(status)) return;
        if ("ok".equals(status)) {
            latency.recordValue(micros(r, "latency_ms"));
            if (r.has("ttft_ms")) recordStream(r);
        }
        if (openLoop != null) queue.recordValue(micros(r, "queue_ms"));
        int index = r.path("index").asInt();
        if (index >= 0) {
            if (index >= busyNanosByIndex.length) {
                int size = Math.max(index + 1, busyNanosByIndex.length * 2);
                int old = busyNanosByIndex.length;
                busyNanosByIndex = Arrays.copyOf(busyNanosByIndex, size);
                Arrays.fill(busyNanosByIndex, old, size, -1);
            }
            busyNanosByIndex[index] = Math.round(1e6 * (r.path("end_offset_ms").asDouble()
                    - r.path("start_offset_ms").asDouble()));
        }
        retries += Math.max(0, r.path("attempts").asInt(1) - 1);
        rateLimited += r.path("rate_limited").asLong();
        retriesAfterSend += r.path("retries_after_send").asLong();
        waitMs += r.path("wait_ms").asDouble();
        JsonNode tokens = r.path("tokens");
        if (tokens.isObject()) {
            promptTokens += tokens.path("prompt").asLong();
            completionTokens += tokens.path("completion").asLong();
        }
    }

    private void recordStream(JsonNode r) {
        streamed++;
        if (r.path("tokens_estimated").asBoolean(false)) estimatedTokens++;
        int chunks = r.path("chunks").asInt();
        if (chunks > 0) ttft.recordValue(micros(r, "ttft_ms"));
        if (r.path("tpot_ms").isNumber()) tpot.recordValue(micros(r, "tpot_ms"));
        if (chunks > 1) chunkGap.recordValue(Math.max(0, Math.round(r.path("chunk_gap_ms").path("p50").asDouble() * 1000)));
        if (r.path("decode_tokens_per_s").isNumber()) {
            decodeTokensPerS.recordValue(Math.max(0, Math.round(r.get("decode_tokens_per_s").asDouble() * 100)));
        }
    }

    private static long micros(JsonNode r, String key) {
        return Math.max(0, Math.round(r.path(key).asDouble() * 1000));
    }

    /**
     * The summary for a wall time pieced together by the reader.
     *
     * @param wallNanos  the mode's wall time (over a resume: the parts' walls added up)
     * @param sendSpanS  first to last send, added up over the parts, for the achieved open-loop rate
     */
    ModeSummary finish(long wallNanos, double sendSpanS) {
        double wallS = wallNanos / 1e9;
        long ran = requests - notRun;
        Double lowerBoundMs = null;
        Double efficiency = null;
        if (mode == Mode.PARALLEL && openLoop == null) {
            long[] times = Arrays.stream(busyNanosByIndex).filter(t -> t >= 0).toArray();
            long bound = LowerBound.makespanNanos(times, times.length, threads);
            lowerBoundMs = bound / 1e6;
            efficiency = wallNanos > 0 ? (double) bound / wallNanos : null;
        }
        ModeSummary.StreamPercentiles stream = streamed == 0 ? null : new ModeSummary.StreamPercentiles(
                EncodedHistogram.of(ttft, 1000), EncodedHistogram.of(tpot, 1000), EncodedHistogram.of(chunkGap, 1000),
                EncodedHistogram.of(decodeTokensPerS, 100), estimatedTokens);
        ModeSummary.RateFigures rate = openLoop == null ? null : new ModeSummary.RateFigures(openLoop.arrival(),
                openLoop.asked(), ran > 1 && sendSpanS > 0 ? (ran - 1) / sendSpanS : 0);
        return new ModeSummary(mode, repeat, threads, wallNanos / 1e6, requests, ok, errors, filtered, notRun,
                wallS > 0 ? ran / wallS : 0, EncodedHistogram.of(latency, 1000), stream,
                openLoop == null ? null : EncodedHistogram.of(queue, 1000), rate, promptTokens, completionTokens,
                wallS > 0 ? completionTokens / wallS : 0, lowerBoundMs, efficiency,
                Collections.unmodifiableMap(new TreeMap<>(errorsByKind)), retries, rateLimited, retriesAfterSend,
                waitMs, histograms());
    }

    private Map<String, String> histograms() {
        Map<String, String> encoded = new LinkedHashMap<>();
        encoded.put("latency_us", EncodedHistogram.encode(latency));
        if (streamed > 0) {
            encoded.put("ttft_us", EncodedHistogram.encode(ttft));
            encoded.put("tpot_us", EncodedHistogram.encode(tpot));
            encoded.put("chunk_gap_us", EncodedHistogram.encode(chunkGap));
            encoded.put("decode_tokens_per_s_x100", EncodedHistogram.encode(decodeTokensPerS));
        }
        if (openLoop != null) encoded.put("queue_us", EncodedHistogram.encode(queue));
        return Collections.unmodifiableMap(encoded);
    }
}
