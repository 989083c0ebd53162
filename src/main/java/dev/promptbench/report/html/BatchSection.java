package dev.promptbench.report.html;

import dev.promptbench.results.BatchPartInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Batch API part of the HTML report: each part's life on one time axis from the submission
 * (validating, in progress, finalizing, then how it ended) and a table of its counts and times. The
 * service reports these instants to the second; one it did not report is left out, never drawn as 0.
 */
final class BatchSection {
    private static final int WIDTH = 960;
    private static final int LABEL = 150;
    private static final int ROW = 22;
    private static final int TOP = 8;
    private static final int AXIS = 26;

    private final List<BatchPartInfo> parts;
    private final Instant origin;
    private final double spanMs;

    /**
     * @param submittedAt when the submission started (the run header's start), or null to start at the
     *                    first part's creation
     */
    BatchSection(List<BatchPartInfo> parts, Instant submittedAt) {
        this.parts = List.copyOf(parts);
        Instant first = submittedAt;
        Instant last = null;
        for (BatchPartInfo p : parts) {
            for (Instant t : instants(p)) {
                if (first == null || t.isBefore(first)) first = t;
                if (last == null || t.isAfter(last)) last = t;
            }
        }
        this.origin = first == null ? Instant.EPOCH : first;
        this.spanMs = last == null ? 0 : Math.max(0, Duration.between(origin, last).toMillis());
    }

    /** The section: a heading, the timeline (when any part has a time) and the parts' table. */
    String markup() {
        StringBuilder html = new StringBuilder("<section class=\"batch\"><h2>Batch parts</h2><p class=\"note\">"
                + "The Batch API times each batch, not each request: no per-request timeline or latency histogram. "
                + "Each part from the submission: validating, in progress, finalizing, and how it ended "
                + "(the service's times, to the second).</p>");
        html.append(legend());
        if (spanMs > 0) html.append("<figure class=\"batch-timeline\">").append(svg()).append("</figure>");
        html.append(table()).append("</section>");
        return html.toString();
    }

    private String svg() {
        int height = TOP + parts.size() * ROW + AXIS;
        double plot = WIDTH - LABEL - 10;
        StringBuilder svg = new StringBuilder("<svg class=\"chart batch\" viewBox=\"0 0 " + WIDTH + " " + height
                + "\" role=\"img\" aria-label=\"Batch parts over time\">");
        for (int i = 0; i < parts.size(); i++) {
            BatchPartInfo p = parts.get(i);
            int y = TOP + i * ROW;
            svg.append("<text class=\"lane-label\" x=\"").append(LABEL - 8).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\">part ").append(p.number())
                    .append(p.round() > 0 ? " (retry " + p.round() + ")" : "").append("</text>");
            List<Phase> phases = phases(p);
            for (int k = 0; k < phases.size(); k++) {
                Phase phase = phases.get(k);
                Instant end = k + 1 < phases.size() ? phases.get(k + 1).from() : p.times().endedAt();
                if (end == null) continue;
                double x0 = x(phase.from(), plot);
                double x1 = Math.max(x0 + 1, x(end, plot));
                svg.append("<rect class=\"seg ").append(phase.name()).append("\" x=\"").append(Markup.num(x0))
                        .append("\" y=\"").append(y + 4).append("\" width=\"").append(Markup.num(x1 - x0))
                        .append("\" height=\"").append(ROW - 8).append("\"><title>part ").append(p.number())
                        .append(": ").append(phase.name().replace('_', ' ')).append(' ')
                        .append(Markup.text(offset(phase.from()))).append(" to ").append(Markup.text(offset(end)))
                        .append("</title></rect>");
            }
            if (p.times().endedAt() != null) {
                double x = x(p.times().endedAt(), plot);
                svg.append("<rect class=\"end ").append(Markup.text(status(p))).append("\" x=\"")
                        .append(Markup.num(x - 1.5)).append("\" y=\"").append(y + 1).append("\" width=\"3\" height=\"")
                        .append(ROW - 2).append("\"><title>part ").append(p.number()).append(' ')
                        .append(Markup.text(status(p))).append(" at ").append(Markup.text(offset(p.times().endedAt())))
                        .append("</title></rect>");
            }
        }
        int axisY = TOP + parts.size() * ROW;
        svg.append("<line class=\"axis\" x1=\"").append(LABEL).append("\" x2=\"").append(Markup.num(LABEL + plot))
                .append("\" y1=\"").append(axisY).append("\" y2=\"").append(axisY).append("\"/>");
        for (int t = 0; t <= 4; t++) {
            double ms = spanMs * t / 4;
            double x = LABEL + plot * t / 4;
            svg.append("<text class=\"tick\" x=\"").append(Markup.num(x)).append("\" y=\"").append(axisY + 16)
                    .append("\" text-anchor=\"middle\">").append(Markup.text(Markup.duration(ms))).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private String table() {
        StringBuilder html = new StringBuilder("<table class=\"comparison batch-parts\"><thead><tr><th>part</th>"
                + "<th>round</th><th>batch</th><th>status</th><th>prompts</th><th>completed</th><th>failed</th>"
                + "<th>created</th><th>in progress</th><th>finalizing</th><th>ended</th></tr></thead><tbody>");
        for (BatchPartInfo p : parts) {
            html.append("<tr><th>").append(p.number()).append("</th><td>").append(p.round()).append("</td><td><code>")
                    .append(Markup.text(p.batchId() == null ? "-" : p.batchId())).append("</code></td><td")
                    .append(bad(p) ? " class=\"bad\"" : "").append('>').append(Markup.text(status(p)))
                    .append("</td><td>").append(Markup.count(p.prompts())).append("</td><td>")
                    .append(count(p.counts().completed())).append("</td><td>")
                    .append(count(p.counts().failed())).append("</td><td>")
                    .append(Markup.text(offset(p.times().createdAt()))).append("</td><td>")
                    .append(Markup.text(offset(p.times().inProgressAt()))).append("</td><td>")
                    .append(Markup.text(offset(p.times().finalizingAt()))).append("</td><td>")
                    .append(Markup.text(offset(p.times().endedAt()))).append("</td></tr>");
        }
        return html.append("</tbody></table><p class=\"note\">Times from the submission.</p>").toString();
    }

    private static String legend() {
        StringBuilder html = new StringBuilder("<ul class=\"legend batch-legend\">");
        for (String phase : List.of("validating", "in_progress", "finalizing")) {
            html.append("<li>").append(key("seg " + phase)).append(phase.replace('_', ' ')).append("</li>");
        }
        for (String end : List.of("completed", "failed", "expired", "cancelled")) {
            html.append("<li>").append(key("end " + end)).append(end).append("</li>");
        }
        return html.append("</ul>").toString();
    }

    private static String key(String css) {
        return "<svg class=\"key-icon\" viewBox=\"0 0 26 12\" aria-hidden=\"true\"><rect class=\"" + css
                + "\" x=\"0\" y=\"1\" width=\"26\" height=\"10\"/></svg>";
    }

    /** A phase of a part's life and when it began. */
    private record Phase(String name, Instant from) {}

    /** The phases the service gave times for, in order; one it did not report is skipped. */
    private static List<Phase> phases(BatchPartInfo p) {
        List<Phase> phases = new ArrayList<>();
        if (p.times().createdAt() != null) phases.add(new Phase("validating", p.times().createdAt()));
        if (p.times().inProgressAt() != null) phases.add(new Phase("in_progress", p.times().inProgressAt()));
        if (p.times().finalizingAt() != null) phases.add(new Phase("finalizing", p.times().finalizingAt()));
        return phases;
    }

    private static List<Instant> instants(BatchPartInfo p) {
        BatchPartInfo.Times t = p.times();
        return java.util.stream.Stream.of(t.createdAt(), t.inProgressAt(), t.finalizingAt(), t.endedAt())
                .filter(java.util.Objects::nonNull).toList();
    }

    private static String count(Integer n) {
        return n == null ? "-" : Markup.count(n);
    }

    private static String status(BatchPartInfo p) {
        return p.status() == null ? "unknown" : p.status();
    }

    private static boolean bad(BatchPartInfo p) {
        return "failed".equals(p.status()) || "expired".equals(p.status());
    }

    private double x(Instant t, double plot) {
        double ms = Duration.between(origin, t).toMillis();
        return LABEL + (spanMs <= 0 ? 0 : plot * Math.max(0, ms) / spanMs);
    }

    private String offset(Instant t) {
        return t == null ? "-" : "+" + Markup.duration(Math.max(0, Duration.between(origin, t).toMillis()));
    }
}
