package dev.promptbench.report.html;

import dev.promptbench.report.RunReport;
import dev.promptbench.report.ThrottleAdvice;
import dev.promptbench.report.TokenFigures;
import dev.promptbench.results.request.Mode;
import dev.promptbench.stats.ModeResults;
import dev.promptbench.stats.ModeSummary;
import dev.promptbench.stats.Percentiles;
import dev.promptbench.stats.Spread;
import java.util.List;
import java.util.Map;

/**
 * The comparison table of the report, with the same figures as the terminal table and the JSON report:
 * over several repeats, the median repeat's numbers with wall time and latency p50/p95 replaced by their
 * medians, and the speedup as the median of repeat-by-repeat ratios.
 */
final class ComparisonTable {
    private final RunReport report;
    private final Map<Mode, ModeResults> modes;

    /** @param report the run's report, or null when there is none (the run did not finish) */
    ComparisonTable(RunReport report) {
        this.report = report;
        this.modes = report == null ? Map.of() : report.modes();
    }

    boolean empty() {
        return modes.isEmpty();
    }

    /** The first repeat's summary of a mode (by wire name), which the charts draw; null when it has none. */
    ModeSummary first(String mode) {
        for (ModeResults results : modes.values()) {
            if (results.headline().mode().wireName().equals(mode)) return results.repeats().get(0);
        }
        return null;
    }

    private Double speedup() {
        return report == null || report.comparison() == null ? null : report.comparison().speedup();
    }

    private boolean speedupWithheld() {
        return report != null && report.comparison() != null && report.comparison().speedup() == null;
    }

    String markup() {
        boolean streamed = modes.values().stream().flatMap(m -> m.repeats().stream()).anyMatch(s -> s.stream() != null);
        boolean repeated = modes.values().stream().anyMatch(m -> m.repeats().size() > 1);
        StringBuilder html = new StringBuilder(4096);
        html.append("<table class=\"comparison\"><thead><tr><th>mode</th><th>workers</th><th>wall</th>")
                .append("<th>req/s</th><th>p50</th><th>p95</th><th>max</th>");
        if (streamed) html.append("<th>TTFT p50</th><th>TTFT p95</th>");
        boolean firstReasoning = TokenFigures.anyFirstReasoning(modes.values());
        if (firstReasoning) {
            html.append("<th title=\"time to the first reasoning event\">reasoning p50</th>"
                    + "<th title=\"time to the first reasoning event\">reasoning p95</th>");
        }
        boolean reasoning = TokenFigures.showReasoning(modes.values());
        boolean cached = TokenFigures.showCached(modes.values());
        boolean cost = TokenFigures.anyCost(modes.values());
        html.append("<th>prompt tok</th><th>compl tok</th>");
        if (reasoning) html.append("<th>reasoning</th>");
        if (cached) html.append("<th>cached</th>");
        html.append("<th>out tok/s</th>");
        if (cost) html.append("<th>cost</th><th>cost/1k</th>");
        html.append("<th>errors</th><th>retries</th>")
                .append("<th>429s</th><th>speedup</th><th>efficiency</th></tr></thead><tbody>");
        Double speedup = speedup();
        for (ModeResults m : modes.values()) {
            ModeSummary h = m.headline();
            String mode = h.mode().wireName();
            html.append("<tr class=\"mode-").append(Markup.text(mode)).append("\"><th scope=\"row\"><span class=\"swatch\">")
                    .append("</span>").append(Markup.text(mode)).append("</th>");
            cell(html, Long.toString(h.threads()));
            Spread wall = m.wallMs();
            cell(html, Markup.duration(wall.median()) + (repeated && m.repeats().size() > 1 ? " <small>("
                    + Markup.duration(wall.low()) + "–" + Markup.duration(wall.high()) + ")</small>" : ""));
            cell(html, Markup.decimal(h.requestsPerS(), 2));
            cell(html, h.latency() == null ? "–" : Markup.duration(h.latency().p50()));
            cell(html, h.latency() == null ? "–" : Markup.duration(h.latency().p95()));
            cell(html, h.latency() == null ? "–" : Markup.duration(h.latency().max()));
            if (streamed) {
                Percentiles ttft = h.stream() == null ? null : h.stream().ttft();
                cell(html, ttft == null ? "–" : Markup.duration(ttft.p50()));
                cell(html, ttft == null ? "–" : Markup.duration(ttft.p95()));
            }
            if (firstReasoning) {
                Percentiles first = h.stream() == null ? null : h.stream().firstReasoning();
                cell(html, first == null ? "–" : Markup.duration(first.p50()));
                cell(html, first == null ? "–" : Markup.duration(first.p95()));
            }
            ModeSummary.Tokens tokens = h.tokens();
            cell(html, tokens.prompt() == null ? "–" : Markup.count(tokens.prompt()));
            cell(html, tokens.completion() == null ? "–" : Markup.count(tokens.completion()));
            if (reasoning) cell(html, dash(TokenFigures.reasoning(h)));
            if (cached) cell(html, dash(TokenFigures.cached(h)));
            cell(html, tokens.completionPerS() == null ? "–" : Markup.decimal(tokens.completionPerS(), 0));
            if (cost) {
                cell(html, dash(TokenFigures.cost(h)));
                cell(html, dash(TokenFigures.costPer1k(h)));
            }
            StringBuilder kinds = new StringBuilder();
            h.errorsByKind().forEach((kind, n) -> kinds.append(kinds.length() == 0 ? "" : ", ").append(n).append(' ')
                    .append(kind));
            html.append("<td class=\"num").append(h.errors() > 0 ? " bad" : "").append("\"")
                    .append(kinds.length() > 0 ? " title=\"" + Markup.text(kinds.toString()) + "\"" : "").append('>')
                    .append(Markup.count(h.errors())).append("</td>");
            cell(html, Markup.count(h.retries()));
            // The 429s' causes on hover, as the errors' kinds: each cause wants another reaction.
            StringBuilder causes = new StringBuilder();
            h.rateLimitedBy().forEach((cause, n) -> causes.append(causes.length() == 0 ? "" : ", ").append(n)
                    .append(' ').append(cause));
            html.append("<td class=\"num\"")
                    .append(h.rateLimited() > 0 ? " title=\"429s by cause: " + Markup.text(causes.toString()) + "\"" : "")
                    .append('>')
                    .append(Markup.count(h.rateLimited())).append("</td>");
            if (h.mode() == Mode.PARALLEL && speedup != null) {
                cell(html, Markup.decimal(speedup, 2) + "×");
            } else if (h.mode() == Mode.PARALLEL && speedupWithheld()) {
                html.append("<td class=\"num\" title=\"withheld: ")
                        .append(Markup.text(report.comparison().withheld())).append("\">withheld</td>");
            } else {
                cell(html, "–");
            }
            cell(html, h.efficiency() == null ? "–" : Markup.decimal(100 * h.efficiency(), 0) + "%");
            html.append("</tr>");
        }
        html.append("</tbody></table>");
        return html.toString();
    }

    /** A figure from the shared wording, with the page's dash for unknown. */
    private static String dash(String figure) {
        return figure.equals("-") ? "–" : Markup.text(figure);
    }

    private static void cell(StringBuilder html, String markup) {
        html.append("<td class=\"num\">").append(markup).append("</td>");
    }

    /** The sentence under the table, as the terminal prints it. */
    String notes() {
        StringBuilder notes = new StringBuilder();
        Double speedup = speedup();
        ModeResults parallelResults = modes.get(Mode.PARALLEL);
        ModeSummary parallel = parallelResults == null ? null : parallelResults.headline();
        if (speedup != null) {
            notes.append("<p class=\"headline\">Parallel was <strong>").append(Markup.decimal(speedup, 2))
                    .append("× faster</strong> than sequential");
        } else if (speedupWithheld()) {
            notes.append("<p class=\"headline\">Speedup not shown: ").append(Markup.text(report.comparison().withheld()));
        }
        if (parallel != null && parallel.lowerBoundMs() != null) {
            notes.append(notes.length() == 0 ? "<p class=\"headline\">" : " · ").append("parallel efficiency ")
                    .append(parallel.efficiency() != null ? Markup.decimal(100 * parallel.efficiency(), 0) + "%" : "–")
                    .append(" of ideal (lower bound ").append(Markup.duration(parallel.lowerBoundMs()))
                    .append(" on ").append(parallel.threads()).append(" workers)");
        }
        if (notes.length() > 0) notes.append(".</p>");
        for (ModeResults m : modes.values()) {
            ModeSummary.RateFigures rate = m.headline().rate();
            if (rate != null) {
                notes.append("<p>").append(Markup.text(m.headline().mode().wireName())).append(": open loop, ")
                        .append(Markup.text(rate.arrival())).append(" arrivals at ")
                        .append(Markup.decimal(rate.asked(), 2)).append("/s asked, ")
                        .append(Markup.decimal(rate.achieved(), 2))
                        .append("/s achieved; latency counts from each scheduled send.</p>");
            }
        }
        if (report != null) {
            List<ThrottleAdvice> throttled = ThrottleAdvice.of(report);
            if (!throttled.isEmpty()) {
                notes.append("<table class=\"throttled\"><thead><tr><th>429 cause</th><th>count</th><th>where</th>"
                        + "<th>what to do</th></tr></thead><tbody>");
                for (ThrottleAdvice advice : throttled) {
                    notes.append("<tr><td>").append(Markup.text(advice.cause().wireName())).append("</td><td class=\"num\">")
                            .append(Markup.count(advice.count())).append("</td><td>").append(Markup.text(advice.byMode()))
                            .append("</td><td>").append(Markup.text(advice.cause().advice())).append("</td></tr>");
                }
                notes.append("</tbody></table>");
            }
        }
        for (ModeResults m : modes.values()) {
            String below = TokenFigures.servedBelow(m.headline(), report.config());
            if (below != null) {
                notes.append("<p>").append(Markup.text(m.headline().mode().wireName())).append(": ")
                        .append(Markup.text(below)).append(".</p>");
            }
        }
        if (TokenFigures.anyCost(modes.values())) {
            notes.append("<p>").append(Markup.text(TokenFigures.pricesBasis(report.config()))).append(".</p>");
        }
        if (modes.values().stream().anyMatch(m -> m.headline().stream() != null)) {
            notes.append("<p>Time per output token ").append(Markup.text(TokenFigures.tpotBasis(modes.values())))
                    .append(".</p>");
        }
        int repeats = report == null ? 0 : report.repeats();
        if (repeats > 1) {
            notes.append("<p>Over ").append(repeats).append(" repeats: wall, p50 and p95 are medians (in brackets: min–max, or the ")
                    .append("interquartile range from 5 repeats), the other figures the median repeat's; the charts below draw the first repeat.</p>");
        }
        return notes.toString();
    }
}
