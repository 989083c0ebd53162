package dev.promptbench.report;

import dev.promptbench.results.EndpointInfo;
import dev.promptbench.results.RecordJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptbench.stats.SweepStep;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Prints a sweep as a table or as one JSON document. */
public final class SweepWriter {
    private SweepWriter() {}

    public static void table(SweepReport sweep, PrintWriter out) {
        if (sweep.steps().isEmpty()) {
            // Nothing was measured: an empty table and a knee of nothing would read as a result.
            out.println("no step ran");
        } else {
            steps(sweep, out);
        }
        SweepReport.Stop stop = sweep.stop();
        if (!stop.notRun().isEmpty()) {
            out.println("not run: " + stop.notRun().stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " threads — " + stop.reason());
        } else if (stop.reason() != null) {
            out.println("stopped: " + stop.reason());
        }
        if (sweep.recommendation() != null) out.println(sweep.recommendation().evidence());
        out.println("req/s = requests per second of wall time at that concurrency (" + sweep.requests()
                + " requests a step) · p50/p95 = latency of successful requests · per-request records: "
                + sweep.resultsFile());
        out.flush();
    }

    /** The table of the steps that ran, the causes of their 429s, and the knee. */
    private static void steps(SweepReport sweep, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        // Cost columns only when some answer could be priced, as in a run's table.
        boolean priced = sweep.steps().stream().anyMatch(step -> step.cost() != null);
        rows.add(priced ? new String[] {"threads", "req/s", "spread", "p50", "p95", "errors", "429s", "cost", "cost/1k"}
                : new String[] {"threads", "req/s", "spread", "p50", "p95", "errors", "429s"});
        for (SweepStep step : sweep.steps()) {
            List<String> row = new ArrayList<>(List.of(
                step.threads() + (step.partial() ? "*" : ""),
                String.format(Locale.ROOT, "%.2f", step.rps().median()),
                step.repeats().size() < 2 ? "-" : String.format(Locale.ROOT, "%.2f–%.2f", step.rps().low(),
                        step.rps().high()),
                step.p50Ms() == null ? "-" : TableReporter.duration(step.p50Ms().median()),
                step.p95Ms() == null ? "-" : TableReporter.duration(step.p95Ms().median()),
                Long.toString(step.errors()),
                Long.toString(step.rateLimited())));
            if (priced) {
                row.add(step.cost() == null ? "-" : TokenFigures.money(step.cost()));
                row.add(step.costPer1k() == null ? "-" : TokenFigures.money(step.costPer1k()));
            }
            rows.add(row.toArray(String[]::new));
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) for (int c = 0; c < row.length; c++) widths[c] = Math.max(widths[c], row[c].length());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(row[c]).append(" ".repeat(widths[c] - row[c].length() + 2));
            }
            out.println(line.toString().stripTrailing());
        }
        out.println();
        // A step a stop cut short is shown, as it was measured, but it is no point of the curve.
        for (SweepStep step : sweep.steps()) {
            if (!step.partial()) continue;
            long notRun = step.repeats().stream().mapToLong(r -> r.notRun()).sum();
            long requests = step.repeats().stream().mapToLong(r -> r.requests()).sum();
            out.println("* " + step.threads() + (step.threads() == 1 ? " thread: " : " threads: ") + "partial, " + notRun
                    + " of " + requests + " requests not run (the sweep was stopped); left out of the knee");
        }
        // Each cause of 429 wants another reaction, so each step that met any says which.
        for (SweepStep step : sweep.steps()) {
            if (step.rateLimited() == 0) continue;
            out.println(step.threads() + (step.threads() == 1 ? " thread: " : " threads: ") + step.rateLimited()
                    + " answered 429 (" + causes(step) + ")");
        }
        out.println(sweep.knee().threads() == null ? "knee: not found — " + sweep.knee().reason()
                : "knee: " + sweep.knee().threads() + (sweep.knee().threads() == 1 ? " thread — " : " threads — ")
                        + sweep.knee().reason());
    }

    /** "2 token_rate, 1 capacity": a step's 429s by cause. */
    public static String causes(SweepStep step) {
        return step.rateLimitedBy().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    public static void json(SweepReport sweep, PrintWriter out) {
        ObjectNode root = RecordJson.MAPPER.createObjectNode();
        root.put("schema_version", 1);
        root.put("type", "sweep");
        root.put("promptbench_version", sweep.version());
        root.put("simulated", sweep.simulated());
        root.set("endpoint", RecordJson.endpoint(sweep.endpoint()));
        root.put("prompts", sweep.prompts());
        root.put("requests_per_step", sweep.requests());
        root.put("results_file", sweep.resultsFile());
        ArrayNode steps = root.putArray("steps");
        for (SweepStep step : sweep.steps()) {
            ObjectNode node = steps.addObject();
            node.put("threads", step.threads());
            node.put("partial", step.partial());
            node.put("requests_per_s", RecordJson.round(step.rps().median()));
            node.set("requests_per_s_spread", RecordJson.spread(step.rps(), 3));
            ObjectNode latency = node.putObject("latency_ms");
            latency.put("p50", step.p50Ms() == null ? null : RecordJson.round(step.p50Ms().median()));
            latency.put("p95", step.p95Ms() == null ? null : RecordJson.round(step.p95Ms().median()));
            node.put("errors", step.errors());
            node.put("rate_limited", step.rateLimited());
            ObjectNode byCause = node.putObject("rate_limited_by_cause");
            step.rateLimitedBy().forEach(byCause::put);
            ObjectNode cost = node.putObject("cost");
            cost.put("total", step.cost() == null ? null : RecordJson.roundCost(step.cost()));
            cost.put("per_1k_prompts", step.costPer1k() == null ? null : RecordJson.roundCost(step.costPer1k()));
            ArrayNode repeats = node.putArray("repeats");
            step.repeats().forEach(r -> repeats.add(RecordJson.mode(r)));
        }
        ObjectNode knee = root.putObject("knee");
        knee.put("threads", sweep.knee().threads());
        knee.put("reason", sweep.knee().reason());
        ArrayNode notRun = root.putArray("not_run");
        sweep.stop().notRun().forEach(notRun::add);
        root.put("stopped", sweep.stop().reason());
        SweepReport.Recommendation recommendation = sweep.recommendation();
        root.put("recommended_threads", recommendation == null ? null : recommendation.threads());
        root.put("recommendation", recommendation == null ? null : recommendation.evidence());
        try {
            out.println(RecordJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
