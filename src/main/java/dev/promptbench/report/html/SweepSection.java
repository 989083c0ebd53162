package dev.promptbench.report.html;

import dev.promptbench.report.SweepWriter;
import dev.promptbench.report.TokenFigures;
import dev.promptbench.stats.Knee;
import dev.promptbench.stats.SweepStep;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A sweep's page body: throughput and p95 latency against concurrency, and a table of the steps with
 * the knee, found by the same rule as the {@code sweep} command's ({@link Knee}).
 */
final class SweepSection {
    private final List<SweepStep> steps;
    private final Knee knee;

    private SweepSection(List<SweepStep> steps) {
        this.steps = steps;
        this.knee = Knee.of(steps);
    }

    /** The steps that finished at least one repeat. */
    static SweepSection of(List<SweptStep> swept) {
        List<SweepStep> steps = new ArrayList<>();
        for (SweptStep step : swept) {
            if (step.summaries().isEmpty()) continue;
            steps.add(SweepStep.of(step.threads(), step.summaries()));
        }
        // A --target search runs its steps out of order; the charts and the knee read them ascending.
        steps.sort(Comparator.comparingInt(SweepStep::threads));
        return new SweepSection(steps);
    }

    List<SweepStep> steps() {
        return steps;
    }

    /** e.g. {@code 1–16 threads}, for the title. */
    String range() {
        if (steps.isEmpty()) return "no steps";
        int first = steps.get(0).threads();
        int last = steps.get(steps.size() - 1).threads();
        return (first == last ? Integer.toString(first) : first + "–" + last) + (last == 1 ? " thread" : " threads");
    }

    String markup() {
        StringBuilder html = new StringBuilder(8192);
        html.append("<section class=\"sweep\" data-steps=\"").append(steps.size()).append("\"")
                .append(knee.threads() == null ? "" : " data-knee=\"" + knee.threads() + "\"").append("><h2>Sweep</h2>");
        if (steps.isEmpty()) {
            return html.append("<p class=\"note\">No step finished: the sweep stopped before its first summary.</p>")
                    .append("</section>").toString();
        }
        html.append("<p class=\"headline knee-text\">").append(knee.threads() == null ? "No knee: "
                : "Knee at <strong>" + knee.threads() + (knee.threads() == 1 ? " thread" : " threads") + "</strong>: ")
                .append(Markup.text(knee.reason())).append(".</p>");
        List<Integer> threads = steps.stream().map(SweepStep::threads).toList();
        html.append("<div class=\"sweep-charts\"><figure class=\"sweep-throughput\">")
                .append(new SweepChart("throughput", "requests / s", threads,
                        steps.stream().map(SweepStep::rps).toList(), knee.threads(),
                        v -> Markup.decimal(v, 2) + " req/s", SweepSection::plain).markup())
                .append("<figcaption>Throughput: requests per second of wall time at each step")
                .append(repeated() ? " (median; whiskers: spread over repeats)" : "").append(".</figcaption></figure>")
                .append("<figure class=\"sweep-p95\">")
                .append(new SweepChart("p95", "p95 latency", threads, steps.stream().map(SweepStep::p95Ms).toList(),
                        knee.threads(), Markup::duration, Markup::tick).markup())
                .append("<figcaption>Latency p95 of successful requests at each step")
                .append(repeated() ? " (median over repeats)" : "").append(".</figcaption></figure></div>");
        html.append(table()).append("</section>");
        return html.toString();
    }

    private String table() {
        boolean priced = steps.stream().anyMatch(s -> s.cost() != null);
        StringBuilder html = new StringBuilder("<table class=\"comparison steps\"><thead><tr><th>threads</th>"
                + "<th>req/s</th><th>spread</th><th>p50</th><th>p95</th><th>errors</th><th>429s</th>"
                + (priced ? "<th>cost</th><th>cost/1k</th>" : "") + "<th></th></tr></thead><tbody>");
        for (SweepStep s : steps) {
            boolean atKnee = knee.threads() != null && knee.threads() == s.threads();
            html.append("<tr").append(atKnee ? " class=\"knee\"" : "").append(" data-threads=\"").append(s.threads())
                    .append("\"><th>").append(s.threads()).append("</th><td>")
                    .append(s.rps() == null ? "–" : Markup.decimal(s.rps().median(), 2)).append("</td><td>")
                    .append(s.rps() == null || s.repeats().size() < 2 ? "–"
                            : Markup.decimal(s.rps().low(), 2) + "–" + Markup.decimal(s.rps().high(), 2))
                    .append("</td><td>").append(s.p50Ms() == null ? "–" : Markup.duration(s.p50Ms().median()))
                    .append("</td><td>").append(s.p95Ms() == null ? "–" : Markup.duration(s.p95Ms().median()))
                    .append("</td><td").append(s.errors() > 0 ? " class=\"bad\"" : "").append(">")
                    .append(Markup.count(s.errors())).append("</td><td")
                    .append(s.rateLimited() > 0 ? " class=\"bad\" title=\"429s by cause: "
                            + Markup.text(SweepWriter.causes(s)) + "\"" : "")
                    .append(">").append(Markup.count(s.rateLimited())).append("</td>");
            if (priced) {
                html.append("<td>").append(Markup.text(TokenFigures.money(s.cost()))).append("</td><td>")
                        .append(Markup.text(TokenFigures.money(s.costPer1k()))).append("</td>");
            }
            html.append("<td>").append(atKnee ? "knee" : "").append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private boolean repeated() {
        return steps.stream().anyMatch(s -> s.repeats().size() > 1);
    }

    /** A round axis value without trailing zeros: 5, 2.5, 0.25. */
    private static String plain(double v) {
        return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
