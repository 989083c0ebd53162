package dev.promptbench.report.html;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A mode's timeline: one lane per worker, one bar per request from its start to its end, the retried
 * part hatched, time to first token ticked, errors in their own colour. Up to {@link #SVG_LIMIT} bars
 * it is SVG with a {@code <title>} per bar; above, a canvas the page script draws from compact
 * columns; a run folded into bins is drawn as a heat map of each worker's occupancy.
 */
final class TimelineChart {
    static final int SVG_LIMIT = 5000;
    private static final String LEVELS = "0123456789abcdefghijklmnopqrstuvwxyz";

    private final ModeTrace trace;
    private final LaneLayout layout;
    private final Axis axis;

    /**
     * @param lanes workers to draw lanes for
     * @param axis  the time axis shared by every mode
     */
    TimelineChart(ModeTrace trace, int lanes, Axis axis) {
        this.trace = trace;
        this.layout = LaneLayout.of(lanes);
        this.axis = axis;
    }

    /** True when the chart is SVG markup; false when it is a canvas fed by {@link #data()}. */
    boolean svg() {
        return trace.detailed() && trace.size() <= SVG_LIMIT;
    }

    String form() {
        if (!trace.detailed()) return "density";
        return svg() ? "svg" : "canvas";
    }

    String markup(String chartId) {
        if (!svg()) {
            return "<canvas class=\"chart timeline " + form() + "\" data-chart=\"" + Markup.text(chartId) + "\" width=\""
                    + (int) LaneLayout.WIDTH + "\" height=\"" + (int) layout.height() + "\" style=\"aspect-ratio: "
                    + (int) LaneLayout.WIDTH + " / " + (int) layout.height() + "\" role=\"img\" aria-label=\""
                    + Markup.text(ariaLabel()) + "\"></canvas>";
        }
        StringBuilder svg = new StringBuilder(256 + trace.size() * 200);
        svg.append("<svg class=\"chart timeline\" viewBox=\"0 0 ").append((int) LaneLayout.WIDTH).append(' ')
                .append((int) layout.height()).append("\" role=\"img\" aria-label=\"")
                .append(Markup.text(ariaLabel())).append("\">");
        frame(svg);
        svg.append("<g class=\"bars\">");
        for (int row = 0; row < trace.size(); row++) bar(svg, row);
        svg.append("</g></svg>");
        return svg.toString();
    }

    private String ariaLabel() {
        return "Timeline of the " + trace.mode() + " mode: " + trace.ran() + " requests on " + layout.lanes()
                + (layout.lanes() == 1 ? " worker" : " workers");
    }

    private void frame(StringBuilder svg) {
        double bottom = layout.plotBottom();
        svg.append("<rect class=\"plot\" x=\"").append(Markup.num(axis.left())).append("\" y=\"")
                .append(Markup.num(layout.top())).append("\" width=\"").append(Markup.num(axis.width()))
                .append("\" height=\"").append(Markup.num(bottom - layout.top())).append("\"/>");
        if (layout.laneHeight() >= 3) {
            for (int lane = 1; lane < layout.lanes(); lane += 2) {
                svg.append("<rect class=\"lane-alt\" x=\"").append(Markup.num(axis.left())).append("\" y=\"")
                        .append(Markup.num(layout.top() + lane * layout.laneHeight())).append("\" width=\"")
                        .append(Markup.num(axis.width())).append("\" height=\"")
                        .append(Markup.num(layout.laneHeight())).append("\"/>");
            }
        }
        svg.append("<g class=\"grid\">");
        for (Tick t : timeTicks()) {
            svg.append("<line x1=\"").append(Markup.num(t.at())).append("\" x2=\"").append(Markup.num(t.at()))
                    .append("\" y1=\"").append(Markup.num(layout.top())).append("\" y2=\"")
                    .append(Markup.num(bottom + 4)).append("\"/><text class=\"x-label\" x=\"")
                    .append(Markup.num(t.at())).append("\" y=\"").append(Markup.num(bottom + 17)).append("\">")
                    .append(Markup.text(t.label())).append("</text>");
        }
        svg.append("</g><g class=\"lane-labels\">");
        for (Tick t : laneTicks()) {
            svg.append("<text class=\"y-label\" x=\"").append(Markup.num(axis.left() - 8)).append("\" y=\"")
                    .append(Markup.num(t.at())).append("\">").append(Markup.text(t.label())).append("</text>");
        }
        svg.append("</g>");
    }

    private void bar(StringBuilder svg, int row) {
        double start = trace.start(row);
        double end = trace.end(row);
        double x = axis.x(start);
        byte kind = trace.kind(row);
        double width = barWidth(axis.x(end) - x, kind >= ModeTrace.ERROR);
        double y = layout.barY(Math.max(0, trace.lane(row)));
        String css = kind == ModeTrace.OK ? "ok" : kind == ModeTrace.FILTERED ? "filtered" : "error";
        svg.append("<rect class=\"bar ").append(css).append("\" x=\"").append(Markup.num(x)).append("\" y=\"")
                .append(Markup.num(y)).append("\" width=\"").append(Markup.num(width)).append("\" height=\"")
                .append(Markup.num(layout.barHeight())).append("\"><title>").append(Markup.text(trace.hoverText(row)))
                .append("</title></rect>");
        double retry = trace.retryPart(row);
        if (retry > 0) {
            svg.append("<rect class=\"retry\" x=\"").append(Markup.num(x)).append("\" y=\"").append(Markup.num(y))
                    .append("\" width=\"").append(Markup.num(Math.min(width, retry * axis.pixelsPerUnit())))
                    .append("\" height=\"").append(Markup.num(layout.barHeight())).append("\"/>");
        }
        double ttft = trace.ttft(row);
        if (!Double.isNaN(ttft) && kind < ModeTrace.ERROR) {
            double at = Math.min(axis.x(end), axis.x(start + trace.finalSendOffset(row) + ttft));
            svg.append("<rect class=\"ttft\" x=\"").append(Markup.num(at - 0.75)).append("\" y=\"")
                    .append(Markup.num(y)).append("\" width=\"1.5\" height=\"")
                    .append(Markup.num(layout.barHeight())).append("\"/>");
        }
    }

    /** A hair of gap between back-to-back bars, and errors never too thin to see. */
    static double barWidth(double pixels, boolean error) {
        double width = pixels > 3 ? pixels - 0.7 : pixels;
        return Math.max(error ? 2 : 0.8, width);
    }

    /** A label and where it goes along its axis. */
    record Tick(double at, String label) {}

    List<Tick> timeTicks() {
        List<Tick> ticks = new ArrayList<>();
        for (double v : axis.ticks(10)) ticks.add(new Tick(axis.x(v), Markup.tick(v)));
        return ticks;
    }

    private List<Tick> laneTicks() {
        int lanes = layout.lanes();
        int every = lanes <= 24 ? 1 : (int) Axis.niceStep(lanes / 12.0);
        List<Tick> ticks = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane += every) {
            ticks.add(new Tick(layout.top() + (lane + 0.5) * layout.laneHeight(), "w" + lane));
        }
        return ticks;
    }

    /** The columns the page script draws a canvas from; null for an SVG chart. */
    ChartData data() {
        if (svg()) return null;
        return json -> {
            json.writeStartObject();
            json.writeStringField("form", form());
            json.writeStringField("mode", trace.mode());
            json.writeNumberField("width", LaneLayout.WIDTH);
            json.writeNumberField("height", layout.height());
            json.writeNumberField("left", axis.left());
            json.writeNumberField("plotWidth", axis.width());
            json.writeNumberField("top", layout.top());
            json.writeNumberField("laneH", layout.laneHeight());
            json.writeNumberField("barH", layout.barHeight());
            json.writeNumberField("lanes", layout.lanes());
            json.writeNumberField("tMax", axis.to());
            json.writeArrayFieldStart("ticks");
            for (Tick t : timeTicks()) {
                json.writeStartArray();
                json.writeNumber(round2(t.at()));
                json.writeString(t.label());
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("laneLabels");
            for (Tick t : laneTicks()) {
                json.writeStartArray();
                json.writeNumber(round2(t.at()));
                json.writeString(t.label());
                json.writeEndArray();
            }
            json.writeEndArray();
            if (trace.detailed()) bars(json);
            else density(json);
            json.writeEndObject();
        };
    }

    private void bars(JsonGenerator json) throws IOException {
        int n = trace.size();
        // One quantum of time per unit: fine enough for the hover text, coarse enough to keep numbers short.
        double q = Math.max(0.001, Axis.niceStep(axis.to() / 200_000));
        int[] rows = trace.rowsByIndex();
        int[] s = new int[n];
        int[] d = new int[n];
        int[] l = new int[n];
        int[] k = new int[n];
        int[] r = new int[n];
        int[] y = new int[n];
        int[] tok = new int[n];
        int[] t = trace.streamed() ? new int[n] : null;
        int[] a = new int[n];
        boolean retried = false;
        long previous = 0;
        for (int i = 0; i < n; i++) {
            int row = rows[i];
            long startQ = Math.round(trace.start(row) / q);
            long endQ = Math.round(trace.end(row) / q);
            s[i] = (int) (startQ - previous);
            previous = startQ;
            d[i] = (int) (endQ - startQ);
            l[i] = Math.max(0, trace.lane(row));
            k[i] = trace.kind(row);
            r[i] = (int) Math.round(trace.retryPart(row) / q);
            y[i] = (int) (Math.round(trace.latency(row) / q) - (d[i] - r[i]));
            tok[i] = trace.completionTokens(row);
            if (t != null) {
                double ttft = trace.ttft(row);
                t[i] = Double.isNaN(ttft) || k[i] >= ModeTrace.ERROR ? -1
                        : (int) Math.min(d[i], Math.round((trace.finalSendOffset(row) + ttft) / q));
            }
            a[i] = trace.attempts(row);
            retried |= a[i] > 1;
        }
        json.writeNumberField("q", q);
        json.writeNumberField("n", n);
        column(json, "s", s);
        column(json, "d", d);
        column(json, "l", l);
        column(json, "k", k);
        column(json, "r", r);
        column(json, "y", y);
        column(json, "tok", tok);
        if (t != null) column(json, "t", t);
        if (retried) column(json, "a", a);
        json.writeArrayFieldStart("kinds");
        json.writeString("ok");
        json.writeString("filtered");
        for (String kind : trace.errorKinds()) json.writeString(kind);
        json.writeEndArray();
        ids(json, rows);
    }

    private static void column(JsonGenerator json, String name, int[] values) throws IOException {
        json.writeFieldName(name);
        json.writeArray(values, 0, values.length);
    }

    /** Ids as runs: {@code [prefix, first number, count]} for line-1, line-2, …, or the id itself. */
    private void ids(JsonGenerator json, int[] rows) throws IOException {
        IdColumn ids = trace.ids();
        json.writeObjectFieldStart("ids");
        json.writeArrayFieldStart("prefixes");
        for (String prefix : ids.prefixes()) json.writeString(prefix);
        json.writeEndArray();
        json.writeArrayFieldStart("runs");
        int i = 0;
        while (i < rows.length) {
            int code = ids.prefixCode(rows[i]);
            long first = ids.number(rows[i]);
            if (code < 0) {
                json.writeString(ids.get(rows[i]));
                i++;
                continue;
            }
            int count = 1;
            while (first >= 0 && i + count < rows.length && ids.prefixCode(rows[i + count]) == code
                    && ids.number(rows[i + count]) == first + count) {
                count++;
            }
            json.writeStartArray();
            json.writeNumber(code);
            json.writeNumber(first);
            json.writeNumber(count);
            json.writeEndArray();
            i += count;
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private void density(JsonGenerator json) throws IOException {
        LaneDensity density = trace.density();
        json.writeNumberField("binMs", density.width());
        json.writeNumberField("bins", LaneDensity.BINS);
        json.writeArrayFieldStart("cells");
        for (int lane = 0; lane < density.lanes(); lane++) {
            StringBuilder cells = new StringBuilder(LaneDensity.BINS);
            for (int bin = 0; bin < LaneDensity.BINS; bin++) {
                cells.append(LEVELS.charAt((int) Math.round(density.occupancy(lane, bin) * (LEVELS.length() - 1))));
            }
            int length = cells.length();
            while (length > 0 && cells.charAt(length - 1) == '0') length--;
            json.writeString(cells.substring(0, length));
        }
        json.writeEndArray();
        json.writeArrayFieldStart("errors");
        for (int bin = 0; bin < LaneDensity.BINS; bin++) json.writeNumber(density.errors(bin));
        json.writeEndArray();
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** For the caption: what the reader sees. */
    String caption() {
        return switch (form()) {
            case "svg" -> "One bar per request; hover a bar for its prompt id, latency, tokens and status.";
            case "canvas" -> String.format(Locale.ROOT, "%s requests drawn on a canvas; hover a bar for its prompt"
                    + " id, latency, tokens and status.", Markup.count(trace.ran()));
            default -> String.format(Locale.ROOT, "%s requests: too many to draw one by one, so each worker's lane"
                    + " shows how busy it was (darker = busier) in bins of %s; errors are ticked below the lanes.",
                    Markup.count(trace.ran()), Markup.duration(trace.density().width()));
        };
    }
}
