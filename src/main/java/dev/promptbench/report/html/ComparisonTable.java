package dev.promptbench.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.run.Mode;
import dev.promptbench.stats.Spread;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The comparison table from the {@code summary} records, with the same figures as the terminal table
 * and the JSON report: over several repeats, the median repeat's numbers with wall time and latency
 * p50/p95 replaced by their medians, and the speedup as the median of repeat-by-repeat ratios.
 */
final class ComparisonTable {
    private final Map<String, List<JsonNode>> byMode = new LinkedHashMap<>();

    ComparisonTable(List<JsonNode> summaries) {
        for (JsonNode s : summaries) byMode.computeIfAbsent(s.path("mode").asText(""), m -> new ArrayList<>()).add(s);
        byMode.values().forEach(list -> list.sort(Comparator.comparingInt(s -> s.path("repeat").asInt(0))));
    }

    boolean empty() {
        return byMode.isEmpty();
    }

    /** The summary the table shows for a mode: the median repeat by wall time, as the JSON report picks it. */
    JsonNode headline(String mode) {
        List<JsonNode> repeats = byMode.get(mode);
        if (repeats == null || repeats.isEmpty()) return null;
        List<JsonNode> byWall = new ArrayList<>(repeats);
        byWall.sort(Comparator.comparingDouble(s -> s.path("wall_ms").asDouble()));
        return byWall.get((byWall.size() - 1) / 2);
    }

    /** The first repeat's summary, which the charts draw. */
    JsonNode first(String mode) {
        List<JsonNode> repeats = byMode.get(mode);
        return repeats == null || repeats.isEmpty() ? null : repeats.get(0);
    }

    private Spread spread(String mode, ToDoubleFunction<JsonNode> figure) {
        List<JsonNode> repeats = byMode.get(mode).stream().filter(s -> !Double.isNaN(figure.applyAsDouble(s))).toList();
        return Spread.of(repeats, figure);
    }

    /** Sequential wall over parallel wall, repeat by repeat; null when not comparable (as in the JSON report). */
    Double speedup() {
        List<JsonNode> seq = byMode.get(Mode.SEQUENTIAL.wireName());
        List<JsonNode> par = byMode.get(Mode.PARALLEL.wireName());
        if (seq == null || par == null) return null;
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < Math.min(seq.size(), par.size()); r++) {
            JsonNode s = seq.get(r);
            JsonNode p = par.get(r);
            if (s.path("errors").asLong() != p.path("errors").asLong()
                    || s.path("not_run").asLong() != p.path("not_run").asLong()) {
                return null;
            }
            if (p.path("wall_ms").asDouble() > 0) ratios.add(s.path("wall_ms").asDouble() / p.path("wall_ms").asDouble());
        }
        Spread spread = Spread.of(ratios, Double::doubleValue);
        return spread == null ? null : spread.median();
    }

    boolean speedupWithheld() {
        return byMode.containsKey(Mode.SEQUENTIAL.wireName()) && byMode.containsKey(Mode.PARALLEL.wireName()) && speedup() == null;
    }

    String markup() {
        boolean streamed = byMode.values().stream().flatMap(List::stream).anyMatch(s -> s.has("ttft_ms"));
        boolean repeated = byMode.values().stream().anyMatch(l -> l.size() > 1);
        StringBuilder html = new StringBuilder(4096);
        html.append("<table class=\"comparison\"><thead><tr><th>mode</th><th>workers</th><th>wall</th>")
                .append("<th>req/s</th><th>p50</th><th>p95</th><th>max</th>");
        if (streamed) html.append("<th>TTFT p50</th><th>TTFT p95</th>");
        html.append("<th>prompt tok</th><th>compl tok</th><th>out tok/s</th><th>errors</th><th>retries</th>")
                .append("<th>429s</th><th>speedup</th><th>efficiency</th></tr></thead><tbody>");
        Double speedup = speedup();
        for (String mode : byMode.keySet()) {
            JsonNode h = headline(mode);
            html.append("<tr class=\"mode-").append(Markup.text(mode)).append("\"><th scope=\"row\"><span class=\"swatch\">")
                    .append("</span>").append(Markup.text(mode)).append("</th>");
            cell(html, Long.toString(h.path("threads").asLong()));
            Spread wall = spread(mode, s -> s.path("wall_ms").asDouble(Double.NaN));
            cell(html, wall == null ? "–" : Markup.duration(wall.median())
                    + (repeated && byMode.get(mode).size() > 1 ? " <small>(" + Markup.duration(wall.low()) + "–"
                    + Markup.duration(wall.high()) + ")</small>" : ""));
            cell(html, Markup.decimal(h.path("requests_per_s").asDouble(), 2));
            Spread p50 = spread(mode, s -> number(s.path("latency_ms").path("p50")));
            Spread p95 = spread(mode, s -> number(s.path("latency_ms").path("p95")));
            cell(html, p50 == null ? "–" : Markup.duration(p50.median()));
            cell(html, p95 == null ? "–" : Markup.duration(p95.median()));
            cell(html, durationOrDash(h.path("latency_ms").path("max")));
            if (streamed) {
                cell(html, durationOrDash(h.path("ttft_ms").path("p50")));
                cell(html, durationOrDash(h.path("ttft_ms").path("p95")));
            }
            cell(html, Markup.count(h.path("tokens").path("prompt").asLong()));
            cell(html, Markup.count(h.path("tokens").path("completion").asLong()));
            cell(html, Markup.decimal(h.path("completion_tokens_per_s").asDouble(), 0));
            long errors = h.path("errors").asLong();
            StringBuilder kinds = new StringBuilder();
            h.path("errors_by_kind").properties().forEach(e -> kinds.append(kinds.length() == 0 ? "" : ", ")
                    .append(e.getValue().asLong()).append(' ').append(e.getKey()));
            html.append("<td class=\"num").append(errors > 0 ? " bad" : "").append("\"")
                    .append(kinds.length() > 0 ? " title=\"" + Markup.text(kinds.toString()) + "\"" : "").append('>')
                    .append(Markup.count(errors)).append("</td>");
            cell(html, Markup.count(h.path("retries").asLong()));
            cell(html, Markup.count(h.path("rate_limited").asLong()));
            if (mode.equals(Mode.PARALLEL.wireName()) && speedup != null) {
                cell(html, Markup.decimal(speedup, 2) + "×");
            } else if (mode.equals(Mode.PARALLEL.wireName()) && speedupWithheld()) {
                html.append("<td class=\"num\" title=\"withheld: the modes ended with different error counts\">")
                        .append("withheld</td>");
            } else {
                cell(html, "–");
            }
            JsonNode efficiency = h.get("efficiency");
            cell(html, efficiency == null || !efficiency.isNumber() ? "–"
                    : Markup.decimal(100 * efficiency.asDouble(), 0) + "%");
            html.append("</tr>");
        }
        html.append("</tbody></table>");
        return html.toString();
    }

    private static void cell(StringBuilder html, String markup) {
        html.append("<td class=\"num\">").append(markup).append("</td>");
    }

    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    private static String durationOrDash(JsonNode node) {
        return node.isNumber() ? Markup.duration(node.asDouble()) : "–";
    }

    /** The sentence under the table, as the terminal prints it. */
    String notes() {
        StringBuilder notes = new StringBuilder();
        Double speedup = speedup();
        JsonNode parallel = headline(Mode.PARALLEL.wireName());
        if (speedup != null) {
            notes.append("<p class=\"headline\">Parallel was <strong>").append(Markup.decimal(speedup, 2))
                    .append("× faster</strong> than sequential");
        } else if (speedupWithheld()) {
            notes.append("<p class=\"headline\">Speedup not shown: the modes ended with different error counts");
        }
        if (parallel != null && parallel.get("lower_bound_ms") != null && parallel.get("lower_bound_ms").isNumber()) {
            notes.append(notes.length() == 0 ? "<p class=\"headline\">" : " · ").append("parallel efficiency ")
                    .append(parallel.path("efficiency").isNumber()
                            ? Markup.decimal(100 * parallel.path("efficiency").asDouble(), 0) + "%" : "–")
                    .append(" of ideal (lower bound ").append(Markup.duration(parallel.path("lower_bound_ms").asDouble()))
                    .append(" on ").append(parallel.path("threads").asLong()).append(" workers)");
        }
        if (notes.length() > 0) notes.append(".</p>");
        for (String mode : byMode.keySet()) {
            JsonNode rate = headline(mode).get("rate");
            if (rate != null && rate.isObject()) {
                notes.append("<p>").append(Markup.text(mode)).append(": open loop, ")
                        .append(Markup.text(rate.path("arrival").asText())).append(" arrivals at ")
                        .append(Markup.decimal(rate.path("asked_per_s").asDouble(), 2)).append("/s asked, ")
                        .append(Markup.decimal(rate.path("achieved_per_s").asDouble(), 2))
                        .append("/s achieved; latency counts from each scheduled send.</p>");
            }
        }
        int repeats = byMode.values().stream().mapToInt(List::size).max().orElse(0);
        if (repeats > 1) {
            notes.append("<p>Over ").append(repeats).append(" repeats: wall, p50 and p95 are medians (in brackets: min–max, or the ")
                    .append("interquartile range from 5 repeats), the other figures the median repeat's; the charts below draw the first repeat.</p>");
        }
        return notes.toString();
    }
}
