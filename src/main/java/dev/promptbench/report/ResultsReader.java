package dev.promptbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.run.Mode;
import dev.promptbench.stats.Comparison;
import dev.promptbench.stats.ModeResults;
import dev.promptbench.stats.ModeSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rebuilds the report of a run from its results file alone, streaming it line by line.
 *
 * <p>A complete run is read from its {@code run} header and its {@code summary} records: percentiles
 * come from the encoded histograms and the wall time from {@code wall_ns}, so {@link JsonReporter}
 * prints exactly what the run printed; request records are only checked, never kept (memory does not
 * grow with the number of requests). Warm-up records are ignored, and so are unknown record types and
 * keys, and a last line cut short by a killed run.
 *
 * <p>Where summaries cannot be trusted the figures are recomputed from the request records, and a
 * notice says so: for a mode (repeat) with no summary (the run was killed before it finished), and for
 * every mode of a file with {@code resume} records, whose later summaries cover only the resumed part.
 * Then the last record of each prompt counts, the wall time adds up the parts' walls (each part's
 * summary wall when it has one, else first send to last answer), and the file is read up to three times,
 * keeping one number per prompt for the lower bound and for "last record wins".
 */
public final class ResultsReader {
    private final Path file;
    private final List<String> notices = new ArrayList<>();
    private JsonNode header;
    private int segment;
    private final Set<Mode> modeOrder = new LinkedHashSet<>();
    private final Map<Key, ModeSummary> summaries = new LinkedHashMap<>();
    private final Map<Key, Map<Integer, Span>> spans = new LinkedHashMap<>();
    private final Map<Key, Map<Integer, Long>> summaryWalls = new HashMap<>();
    private final Map<Mode, ModeSummary> lastSummaryOfMode = new HashMap<>();
    private final Set<String> unknownModes = new LinkedHashSet<>();

    /** A mode and a repeat: what one summary record describes. */
    private record Key(Mode mode, int repeat) {}

    /** First and last send, last answer, of one part of one key, in milliseconds from that part's start. */
    private static final class Span {
        double firstStart = Double.MAX_VALUE;
        double lastStart = -Double.MAX_VALUE;
        double lastEnd = -Double.MAX_VALUE;
    }

    private ResultsReader(Path file) {
        this.file = file;
    }

    /** Reads a results file; the exception's message is one line naming the file (and line) for people. */
    public static RebuiltReport read(Path file) throws IOException, ResultsFileException {
        if (Files.isDirectory(file)) throw new ResultsFileException(file + ": is a directory, not a results file");
        if (!Files.isRegularFile(file)) throw new ResultsFileException(file + ": no such file");
        return new ResultsReader(file).rebuild();
    }

    private RebuiltReport rebuild() throws IOException, ResultsFileException {
        int cutLine = scan();
        if (header == null) throw new ResultsFileException(file + ": empty, or not a promptbench results file");
        if (RecordDecoder.endpoints(header).isEmpty()) {
            throw new ResultsFileException(file + ": the run header names no endpoint; not a complete results file");
        }
        Set<Key> recompute = keysToRecompute();
        if (!recompute.isEmpty()) recomputeFromRequests(recompute);
        if (modeOrder.isEmpty()) {
            throw new ResultsFileException(file + ": no finished request in this results file, nothing to report");
        }
        if (cutLine > 0) {
            notices.add(file + ":" + cutLine + ": last line cut short (the run was killed while writing it); ignored");
        }
        if (!unknownModes.isEmpty()) {
            notices.add("records of modes this version does not know were ignored: " + String.join(", ", unknownModes));
        }
        return new RebuiltReport(report(), notices);
    }

    /** The first pass: header, summaries, and cheap per-part spans; nothing per request is kept. */
    private int scan() throws IOException, ResultsFileException {
        try (JsonLines lines = new JsonLines(file)) {
            JsonLines.Line line;
            while ((line = firstOrNext(lines)) != null) {
                JsonNode record = line.record();
                String type = record.path("type").asText();
                if (header == null) {
                    if (!"run".equals(type)) {
                        throw new ResultsFileException(file + ": not a promptbench results file (no run header)");
                    }
                    header = record;
                    int schema = record.path("schema_version").asInt(0);
                    if (schema > 1) {
                        notices.add(file + " was written by a newer promptbench (schema version " + schema
                                + "); reading the parts this version knows");
                    }
                    continue;
                }
                switch (type) {
                    case "run" -> throw new ResultsFileException(file + ":" + line.number()
                            + ": a second run header (this file holds more than one run)");
                    case "resume" -> segment++;
                    case "request" -> scanRequest(record);
                    case "summary" -> scanSummary(record);
                    default -> { } // a record type from a later version: ignored
                }
            }
            return lines.cutLine();
        }
    }

    private JsonLines.Line firstOrNext(JsonLines lines) throws IOException, ResultsFileException {
        if (header != null) return lines.next();
        try {
            return lines.next();
        } catch (ResultsFileException e) {
            throw new ResultsFileException(file + ": not a promptbench results file (its first line is not JSON)");
        }
    }

    private void scanRequest(JsonNode record) {
        if (record.path("warmup").asBoolean(false)) return;
        Key key = key(record);
        if (key == null) return;
        modeOrder.add(key.mode());
        Span span = spans.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(segment, s -> new Span());
        if ("not_run".equals(record.path("status").asText())) return;
        double start = record.path("start_offset_ms").asDouble();
        span.firstStart = Math.min(span.firstStart, start);
        span.lastStart = Math.max(span.lastStart, start);
        span.lastEnd = Math.max(span.lastEnd, record.path("end_offset_ms").asDouble());
    }

    private void scanSummary(JsonNode record) {
        Key key = key(record);
        if (key == null) return;
        modeOrder.add(key.mode());
        ModeSummary summary = RecordDecoder.summary(record, key.mode(),
                message -> notices.add(key.mode().wireName() + ": " + message));
        summaries.put(key, summary);
        lastSummaryOfMode.put(key.mode(), summary);
        summaryWalls.computeIfAbsent(key, k -> new HashMap<>())
                .put(segment, Math.round(summary.wallMs() * 1e6));
    }

    private Key key(JsonNode record) {
        String name = record.path("mode").asText();
        Mode mode = RecordDecoder.mode(name);
        if (mode == null) {
            unknownModes.add(name);
            return null;
        }
        return new Key(mode, record.path("repeat").asInt(0));
    }

    private Set<Key> keysToRecompute() {
        Set<Key> recompute = new LinkedHashSet<>();
        if (segment > 0) {
            recompute.addAll(spans.keySet());
            if (!recompute.isEmpty()) {
                notices.add(file + " was resumed: its summaries cover only the resumed part, so every figure is "
                        + "recomputed from the request records (the last record of each prompt counts, the wall "
                        + "time adds up the parts, times at the file's microsecond resolution)");
            }
            return recompute;
        }
        List<String> missing = new ArrayList<>();
        for (Key key : spans.keySet()) {
            if (summaries.containsKey(key)) continue;
            recompute.add(key);
            missing.add(key.mode().wireName() + (key.repeat() > 0 ? " (repeat " + (key.repeat() + 1) + ")" : ""));
        }
        if (!missing.isEmpty()) {
            notices.add("no summary record for " + String.join(", ", missing) + " (the run was stopped before "
                    + (missing.size() == 1 ? "it" : "they") + " finished): figures recomputed from the request records");
        }
        return recompute;
    }

    /** Two more passes: find each prompt's last record, then count those records. */
    private void recomputeFromRequests(Set<Key> keys) throws IOException, ResultsFileException {
        Map<Key, int[]> lastLine = new HashMap<>();
        try (JsonLines lines = new JsonLines(file)) {
            JsonLines.Line line;
            while ((line = lines.next()) != null) {
                Key key = recomputedRequestKey(line.record(), keys);
                if (key == null) continue;
                int index = line.record().path("index").asInt(-1);
                if (index < 0) continue;
                int[] last = lastLine.getOrDefault(key, new int[0]);
                if (index >= last.length) last = Arrays.copyOf(last, Math.max(index + 1, last.length * 2));
                last[index] = line.number();
                lastLine.put(key, last);
            }
        }
        Map<Key, RequestTally> tallies = new HashMap<>();
        for (Key key : keys) tallies.put(key, new RequestTally(key.mode(), key.repeat(), threads(key.mode()),
                openLoop(key.mode())));
        try (JsonLines lines = new JsonLines(file)) {
            JsonLines.Line line;
            while ((line = lines.next()) != null) {
                Key key = recomputedRequestKey(line.record(), keys);
                if (key == null) continue;
                int index = line.record().path("index").asInt(-1);
                int[] last = lastLine.get(key);
                if (index >= 0 && index < last.length && last[index] == line.number()) {
                    tallies.get(key).add(line.record());
                }
            }
        }
        for (Key key : keys) {
            long wallNanos = 0;
            double sendSpanS = 0;
            Map<Integer, Long> walls = summaryWalls.getOrDefault(key, Map.of());
            for (Map.Entry<Integer, Span> part : spans.get(key).entrySet()) {
                Span span = part.getValue();
                boolean sent = span.lastEnd > -Double.MAX_VALUE;
                if (sent) sendSpanS += (span.lastStart - span.firstStart) / 1e3;
                if (walls.containsKey(part.getKey())) wallNanos += walls.get(part.getKey());
                else if (sent) wallNanos += Math.round((span.lastEnd - span.firstStart) * 1e6);
            }
            summaries.put(key, tallies.get(key).finish(wallNanos, sendSpanS));
        }
    }

    private Key recomputedRequestKey(JsonNode record, Set<Key> keys) {
        if (!"request".equals(record.path("type").asText()) || record.path("warmup").asBoolean(false)) return null;
        Mode mode = RecordDecoder.mode(record.path("mode").asText());
        if (mode == null) return null;
        Key key = new Key(mode, record.path("repeat").asInt(0));
        return keys.contains(key) ? key : null;
    }

    private int threads(Mode mode) {
        if (mode == Mode.SEQUENTIAL) return 1;
        ModeSummary summary = lastSummaryOfMode.get(mode);
        return summary != null ? summary.threads() : Math.max(1, header.path("config").path("threads").asInt(1));
    }

    /** Open loop is known from a summary's rate; a parallel mode without one is taken as closed loop. */
    private ModeSummary.RateFigures openLoop(Mode mode) {
        ModeSummary summary = lastSummaryOfMode.get(mode);
        return summary == null ? null : summary.rate();
    }

    private RunReport report() {
        Map<Mode, List<ModeSummary>> byMode = new LinkedHashMap<>();
        for (Mode mode : modeOrder) byMode.put(mode, new ArrayList<>());
        summaries.entrySet().stream()
                .sorted((a, b) -> Integer.compare(a.getKey().repeat(), b.getKey().repeat()))
                .forEach(e -> byMode.get(e.getKey().mode()).add(e.getValue()));
        Map<Mode, ModeResults> modes = new LinkedHashMap<>();
        byMode.forEach((mode, repeats) -> {
            if (!repeats.isEmpty()) modes.put(mode, ModeResults.of(repeats));
        });
        Comparison comparison = modes.size() == 2
                ? Comparison.of(byMode.get(Mode.SEQUENTIAL), byMode.get(Mode.PARALLEL)) : null;
        List<EndpointInfo> endpoints = RecordDecoder.endpoints(header);
        EndpointInfo endpoint = header.path("endpoint").isObject()
                ? RecordDecoder.endpoint(header.get("endpoint"))
                : endpoints.isEmpty() ? null : endpoints.get(0);
        RunConfig config = RecordDecoder.config(header.path("config"));
        return new RunReport(header.path("promptbench_version").asText(null), header.path("simulated").asBoolean(),
                endpoint, endpoints, config, header.path("prompts").asInt(), config.threads(), file.toString(),
                modes, comparison);
    }
}
