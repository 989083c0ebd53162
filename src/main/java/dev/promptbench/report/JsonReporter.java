package dev.promptbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptbench.results.BatchPartInfo;
import dev.promptbench.results.RecordJson;
import dev.promptbench.results.request.Mode;
import dev.promptbench.stats.ModeResults;
import dev.promptbench.stats.ModeSummary;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run as one JSON document (schema version 1, snake_case, times in milliseconds): the only
 * thing on stdout with {@code --format json}. Later versions add keys, never rename these.
 */
public final class JsonReporter implements Reporter {

    @Override
    public void write(RunReport report, PrintWriter out) {
        try {
            out.println(RecordJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(report)));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as a tree, for callers that embed or compare it. */
    public static ObjectNode toJson(RunReport report) {
        ObjectNode root = RecordJson.MAPPER.createObjectNode();
        root.put("schema_version", 1);
        root.put("promptbench_version", report.version());
        root.put("simulated", report.simulated());
        root.set("endpoint", RecordJson.endpoint(report.endpoint()));
        ArrayNode endpoints = root.putArray("endpoints");
        report.endpoints().forEach(e -> endpoints.add(RecordJson.endpoint(e)));
        root.set("config", RecordJson.config(report.config()));
        root.put("prompts", report.prompts());
        root.put("threads", report.config() != null && report.config().batch() ? null : report.threads());
        root.put("results_file", report.resultsFile());
        ObjectNode modes = root.putObject("modes");
        report.modes().forEach((mode, results) -> modes.set(mode.wireName(), modeResults(results)));
        // A compare run stopped before a mode began: that mode is missing from "modes", and this says why.
        ArrayNode notRun = root.putArray("modes_not_run");
        report.modesNotRun().forEach(mode -> notRun.add(mode.wireName()));
        if (report.batch() != null && modes.get(Mode.BATCH.wireName()) instanceof ObjectNode batch) {
            batch.set("parts", parts(report.batch()));
        }
        if (report.comparison() != null) {
            root.put("speedup", report.comparison().speedup() == null
                    ? null : RecordJson.round4(report.comparison().speedup()));
            if (report.repeats() > 1) root.set("speedup_spread", RecordJson.spread(report.comparison().spread(), 4));
        }
        root.put("overhead_ms", report.overheadMs() == null ? null : RecordJson.round(report.overheadMs()));
        return root;
    }

    /**
     * The modes of a saved document read back as statistics (what {@link #modeResults} wrote): the
     * headline as the document shows it, each repeat when there were several; modes it does not know are
     * left out.
     */
    public static Map<Mode, ModeResults> readModes(JsonNode document) {
        Map<Mode, ModeResults> modes = new LinkedHashMap<>();
        for (Mode mode : Mode.values()) {
            JsonNode node = document.path("modes").path(mode.wireName());
            if (!node.isObject()) continue;
            ModeSummary headline = RecordJson.readMode(node, mode, notice -> {});
            List<ModeSummary> repeats = new ArrayList<>();
            node.path("repeats").forEach(repeat -> repeats.add(RecordJson.readMode(repeat, mode, notice -> {})));
            if (repeats.isEmpty()) repeats.add(headline);
            modes.put(mode, ModeResults.of(repeats, headline));
        }
        return modes;
    }

    /**
     * Each part of a Batch API run: its batch, prompts, the service's counts, status and times (ISO-8601
     * instants and milliseconds from the submission; null where the service gave none).
     */
    private static ArrayNode parts(BatchParts batch) {
        ArrayNode parts = RecordJson.MAPPER.createArrayNode();
        for (BatchPartInfo p : batch.parts()) {
            ObjectNode part = parts.addObject();
            part.put("part", p.number());
            part.put("round", p.round());
            part.put("batch_id", p.batchId());
            part.put("status", p.status());
            part.put("prompts", p.prompts());
            part.put("completed", p.counts().completed());
            part.put("failed", p.counts().failed());
            time(part, "created", p.times().createdAt(), batch.submittedAt());
            time(part, "in_progress", p.times().inProgressAt(), batch.submittedAt());
            time(part, "finalizing", p.times().finalizingAt(), batch.submittedAt());
            time(part, "ended", p.times().endedAt(), batch.submittedAt());
        }
        return parts;
    }

    private static void time(ObjectNode part, String name, Instant at, Instant submittedAt) {
        part.put(name + "_at", at == null ? null : at.toString());
        part.put(name + "_ms", at == null || submittedAt == null ? null
                : (Long) Math.max(0, Duration.between(submittedAt, at).toMillis()));
    }

    /**
     * A mode over its repeats: with one repeat, that repeat's numbers; with several, the median repeat's
     * counts with the median wall time, every percentile over all repeats' requests pooled
     * ({@code "percentiles_over": "all_repeats"}), plus each repeat and the spreads.
     */
    private static ObjectNode modeResults(ModeResults results) {
        ObjectNode node = RecordJson.mode(results.headline());
        if (results.repeats().size() < 2) return node;
        node.put("wall_ms", RecordJson.round(results.wallMs().median()));
        node.put("percentiles_over", results.pooled() ? "all_repeats" : "median_repeat");
        ObjectNode spread = node.putObject("spread");
        spread.put("kind", results.wallMs().kind().wireName());
        spread.set("wall_ms", RecordJson.spread(results.wallMs(), 3));
        if (results.p50Ms() != null) {
            spread.set("p50_ms", RecordJson.spread(results.p50Ms(), 3));
            spread.set("p95_ms", RecordJson.spread(results.p95Ms(), 3));
        }
        ArrayNode repeats = node.putArray("repeats");
        results.repeats().forEach(r -> repeats.add(RecordJson.mode(r)));
        return node;
    }
}
