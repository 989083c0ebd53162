package dev.promptbench.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a results file in one streaming pass: the header and summaries as JSON trees (there are few),
 * each request record folded into its mode's columns and dropped. A last line cut short by a killed
 * run is ignored; a broken line anywhere else is an error.
 */
final class ResultsScan {
    /** Rows kept per mode before the timeline is aggregated into bins. */
    static final int DETAIL_LIMIT = 250_000;

    private final ObjectMapper mapper = new ObjectMapper();
    private final RequestParser requests = new RequestParser(mapper.getFactory());
    private final int detailLimit;

    private JsonNode header;
    private final List<JsonNode> summaries = new ArrayList<>();
    private final Map<String, ModeTrace> traces = new LinkedHashMap<>();
    private int repeats;
    private long warmups;
    private boolean resumed;
    /** True for a sweep's file: its summaries belong to steps, and its requests are not charted per mode. */
    private boolean sweep;
    private final List<SweptStep> steps = new ArrayList<>();

    private ResultsScan(int detailLimit) {
        this.detailLimit = detailLimit;
    }

    /** Reads {@code file}, keeping up to {@link #DETAIL_LIMIT} requests per mode as rows. */
    static ScannedRun read(Path file) throws IOException {
        return read(file, DETAIL_LIMIT);
    }

    /** Reads {@code file}, keeping up to {@code detailLimit} requests per mode as rows. */
    static ScannedRun read(Path file, int detailLimit) throws IOException {
        return new ResultsScan(detailLimit).scan(file);
    }

    private ScannedRun scan(Path file) throws IOException {
        int lineNumber = 0;
        int brokenLine = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) continue;
                if (brokenLine > 0) throw new IOException(file + ":" + brokenLine + ": not valid JSON");
                try {
                    // Request records are most lines: read them without a tree; anything else as a tree.
                    RequestLine request = header == null ? null : requests.parse(line);
                    if (request != null) request(request);
                    else accept(mapper.readTree(line), file, lineNumber);
                } catch (JsonProcessingException e) {
                    brokenLine = lineNumber;
                }
            }
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        }
        if (header == null) throw new IOException(file + ": empty, or not a promptbench results file (no run header)");
        Path name = file.getFileName();
        return new ScannedRun(name == null ? file.toString() : name.toString(), header, List.copyOf(summaries),
                sweep ? List.of() : List.copyOf(traces.values()), Math.max(1, repeats), warmups, resumed,
                sweep ? List.copyOf(steps) : null);
    }

    private void accept(JsonNode record, Path file, int lineNumber) throws IOException {
        String type = record.path("type").asText("");
        if (header == null) {
            if (!"run".equals(type)) {
                throw new IOException(file + ":" + lineNumber + ": not a promptbench results file (no run header)");
            }
            header = record;
            sweep = "sweep".equals(record.path("config").path("mode").asText(""));
            return;
        }
        switch (type) {
            case "sweep_step" -> {
                sweep = true;
                steps.add(new SweptStep(record.path("threads").asInt(1)));
            }
            case "summary" -> {
                if (sweep) sweepSummary(record);
                else summary(record);
            }
            case "limit" -> {
                if (record.path("repeat").asInt(0) == 0 && record.path("limit").isNumber()) {
                    String mode = record.path("mode").asText("");
                    traces.computeIfAbsent(mode, m -> new ModeTrace(m, detailLimit)).limit(
                            record.path("offset_ms").asDouble(0), record.path("limit").asInt(),
                            record.path("reason").asText(""));
                }
            }
            case "resume" -> {
                resumed = true;
                traces.values().forEach(ModeTrace::resumed);
            }
            default -> { }
        }
    }

    private void request(RequestLine r) {
        // A sweep's steps share one mode name and restart their repeats: folding them into one trace would
        // draw unrelated steps as one run, so the page charts the steps' summaries instead.
        if (sweep) return;
        repeats = Math.max(repeats, r.repeat() + 1);
        if (r.warmup()) {
            warmups++;
            return;
        }
        ModeTrace trace = traces.computeIfAbsent(r.mode(), m -> new ModeTrace(m, detailLimit));
        if (r.repeat() == 0) trace.add(r);
    }

    private void sweepSummary(JsonNode s) {
        // A summary before any marker (a file cut oddly) still gets a step, named by its own thread count.
        boolean otherStep = s.path("threads").isNumber()
                && (steps.isEmpty() || steps.get(steps.size() - 1).threads() != s.path("threads").asInt());
        if (steps.isEmpty() || otherStep) {
            steps.add(new SweptStep(s.path("threads").asInt(1)));
        }
        steps.get(steps.size() - 1).add(s);
        repeats = Math.max(repeats, s.path("repeat").asInt(0) + 1);
    }

    private void summary(JsonNode s) {
        String mode = s.path("mode").asText("");
        int repeat = s.path("repeat").asInt(0);
        repeats = Math.max(repeats, repeat + 1);
        traces.computeIfAbsent(mode, m -> new ModeTrace(m, detailLimit));
        summaries.removeIf(old -> old.path("mode").asText("").equals(mode) && old.path("repeat").asInt(0) == repeat);
        summaries.add(s);
    }
}
