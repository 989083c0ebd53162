package dev.promptbench.report.html;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Latency histograms of successful requests, one per mode, on shared bins and a shared count scale so
 * that the modes compare at a glance. The bins are computed here; a long tail past the 99.5th
 * percentile is gathered into the last bin rather than squeezing every other bar.
 */
final class LatencyHistogram {
    static final double WIDTH = 670;
    private static final double HEIGHT = 230;
    private static final double LEFT = 56;
    private static final double RIGHT = 28;
    private static final double TOP = 26;
    private static final double BOTTOM = HEIGHT - 26;
    private static final int WANTED_BINS = 40;

    private final double from;
    private final double binMs;
    private final int bins;
    private final boolean overflow;
    private final long tallest;

    private LatencyHistogram(double from, double binMs, int bins, boolean overflow, long tallest) {
        this.from = from;
        this.binMs = binMs;
        this.bins = bins;
        this.overflow = overflow;
        this.tallest = tallest;
    }

    /** Bins that fit every mode's latencies. */
    static LatencyHistogram shared(List<ModeTrace> traces) {
        double min = Double.MAX_VALUE;
        double max = 0;
        double tail = 0;
        for (ModeTrace t : traces) {
            Histogram h = t.latencies();
            if (h.getTotalCount() == 0) continue;
            min = Math.min(min, h.getMinValue() / 1000.0);
            max = Math.max(max, h.getMaxValue() / 1000.0);
            tail = Math.max(tail, h.getValueAtPercentile(99.5) / 1000.0);
        }
        if (min == Double.MAX_VALUE) return new LatencyHistogram(0, 1, 1, false, 0);
        double upper = max <= tail * 1.25 ? max : tail;
        boolean overflow = upper < max;
        double step = Axis.niceStep(Math.max(1e-3, upper - min) / WANTED_BINS);
        double from = Math.floor(min / step) * step;
        int bins = Math.max(1, (int) Math.ceil((upper - from) / step + 1e-9));
        if (from + bins * step <= upper) bins++;
        LatencyHistogram shape = new LatencyHistogram(from, step, bins + (overflow ? 1 : 0), overflow, 0);
        long tallest = 0;
        for (ModeTrace t : traces) {
            for (long c : shape.counts(t)) tallest = Math.max(tallest, c);
        }
        return new LatencyHistogram(from, step, shape.bins, overflow, tallest);
    }

    long[] counts(ModeTrace trace) {
        long[] counts = new long[bins];
        for (HistogramIterationValue v : trace.latencies().recordedValues()) {
            double ms = trace.latencies().medianEquivalentValue(v.getValueIteratedTo()) / 1000.0;
            int bin = (int) Math.floor((ms - from) / binMs);
            counts[Math.max(0, Math.min(bins - 1, bin))] += v.getCountAtValueIteratedTo();
        }
        return counts;
    }

    String markup(ModeTrace trace) {
        long[] counts = counts(trace);
        Axis x = new Axis(from, from + bins * binMs, LEFT, WIDTH - LEFT - RIGHT);
        double top = Math.max(1, tallest) * 1.1;
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg class=\"chart histogram\" viewBox=\"0 0 ").append((int) WIDTH).append(' ').append((int) HEIGHT)
                .append("\" role=\"img\" aria-label=\"Latency histogram, ").append(Markup.text(trace.mode()))
                .append(" mode\">");
        svg.append("<rect class=\"plot\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(Markup.num(x.width())).append("\" height=\"").append(Markup.num(BOTTOM - TOP))
                .append("\"/><g class=\"grid\">");
        for (double v : new Axis(0, top, 0, 1).ticks(4, 1)) {
            double y = y(v, top);
            svg.append("<line class=\"h\" x1=\"").append(LEFT).append("\" x2=\"").append(Markup.num(LEFT + x.width()))
                    .append("\" y1=\"").append(Markup.num(y)).append("\" y2=\"").append(Markup.num(y))
                    .append("\"/><text class=\"y-label\" x=\"").append(LEFT - 6).append("\" y=\"")
                    .append(Markup.num(y)).append("\">").append(Markup.count(Math.round(v))).append("</text>");
        }
        for (double v : new Axis(from, from + (bins - (overflow ? 1 : 0)) * binMs, 0, 1).ticks(6)) {
            svg.append("<text class=\"x-label\" x=\"").append(Markup.num(x.x(v))).append("\" y=\"")
                    .append(Markup.num(BOTTOM + 17)).append("\">").append(Markup.text(Markup.tick(v))).append("</text>");
        }
        svg.append("</g><g class=\"bins\">");
        double barWidth = x.pixelsPerUnit() * binMs;
        for (int b = 0; b < bins; b++) {
            if (counts[b] == 0) continue;
            double low = from + b * binMs;
            boolean last = overflow && b == bins - 1;
            String range = last ? "≥ " + Markup.duration(low) : Markup.duration(low) + " – " + Markup.duration(low + binMs);
            double y = y(counts[b], top);
            svg.append("<rect class=\"hbin").append(last ? " tail" : "").append("\" x=\"")
                    .append(Markup.num(x.x(low) + 0.5)).append("\" y=\"").append(Markup.num(y)).append("\" width=\"")
                    .append(Markup.num(Math.max(0.5, barWidth - 1))).append("\" height=\"")
                    .append(Markup.num(BOTTOM - y)).append("\"><title>").append(Markup.text(range)).append(": ")
                    .append(Markup.count(counts[b])).append(counts[b] == 1 ? " request" : " requests")
                    .append("</title></rect>");
        }
        svg.append("</g>");
        Histogram h = trace.latencies();
        if (h.getTotalCount() > 0) {
            marker(svg, x, "p50", h.getValueAtPercentile(50) / 1000.0, 12);
            marker(svg, x, "p95", h.getValueAtPercentile(95) / 1000.0, 22);
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private void marker(StringBuilder svg, Axis x, String name, double ms, double labelY) {
        double at = Math.min(x.left() + x.width(), x.x(Math.min(ms, from + bins * binMs)));
        // Near the right edge the label goes left of its line, so it is not cut off.
        boolean flip = at > x.left() + x.width() - 110;
        svg.append("<line class=\"marker\" x1=\"").append(Markup.num(at)).append("\" x2=\"").append(Markup.num(at))
                .append("\" y1=\"").append(Markup.num(labelY + 2)).append("\" y2=\"").append(Markup.num(BOTTOM))
                .append("\"/><text class=\"marker-label").append(flip ? " flip" : "").append("\" x=\"")
                .append(Markup.num(flip ? at - 4 : at + 4)).append("\" y=\"")
                .append(Markup.num(labelY)).append("\">").append(name).append(' ')
                .append(Markup.text(Markup.duration(ms))).append("</text>");
    }

    private static double y(double count, double top) {
        return BOTTOM - count / top * (BOTTOM - TOP);
    }
}
