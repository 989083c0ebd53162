package dev.promptbench.report.html;

import dev.promptbench.stats.Spread;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * One figure of a sweep against concurrency: a line through one point per step (the median over
 * repeats, with a whisker for the spread when there are several), threads on a log2 axis, and the
 * knee marked.
 */
final class SweepChart {
    private static final double WIDTH = 640;
    private static final double HEIGHT = 280;
    private static final double LEFT = 64;
    private static final double RIGHT = 22;
    private static final double TOP = 14;
    private static final double BOTTOM = HEIGHT - 40;

    private final String name;
    private final String axisTitle;
    private final List<Integer> threads;
    private final List<Spread> values;
    private final Integer knee;
    private final DoubleFunction<String> format;
    private final DoubleFunction<String> tick;

    /**
     * @param name      the chart's class and what it shows, e.g. {@code throughput}
     * @param axisTitle the y axis's title
     * @param values    one per step, null where the step has no figure (no successful request)
     * @param knee      the knee's thread count, or null
     * @param format    a value as the hover titles show it
     * @param tick      a round axis value as its label shows it
     */
    SweepChart(String name, String axisTitle, List<Integer> threads, List<Spread> values, Integer knee,
               DoubleFunction<String> format, DoubleFunction<String> tick) {
        this.name = name;
        this.axisTitle = axisTitle;
        this.threads = threads;
        this.values = values;
        this.knee = knee;
        this.format = format;
        this.tick = tick;
    }

    String markup() {
        double high = 0;
        for (Spread v : values) if (v != null) high = Math.max(high, v.high());
        Axis y = new Axis(0, Math.max(high, 1e-9) * 1.15, 0, 1);
        StringBuilder svg = new StringBuilder(2048);
        svg.append("<svg class=\"chart sweep ").append(name).append("\" data-points=\"")
                .append(values.stream().filter(v -> v != null).count()).append("\" viewBox=\"0 0 ")
                .append((int) WIDTH).append(' ').append((int) HEIGHT).append("\" role=\"img\" aria-label=\"")
                .append(Markup.text(axisTitle)).append(" against concurrency\">");
        svg.append("<rect class=\"plot\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(Markup.num(WIDTH - LEFT - RIGHT)).append("\" height=\"").append(Markup.num(BOTTOM - TOP))
                .append("\"/><g class=\"grid\">");
        for (double v : y.ticks(5)) {
            double py = py(y, v);
            svg.append("<line class=\"h\" x1=\"").append(LEFT).append("\" x2=\"").append(Markup.num(WIDTH - RIGHT))
                    .append("\" y1=\"").append(Markup.num(py)).append("\" y2=\"").append(Markup.num(py))
                    .append("\"/><text class=\"y-label\" x=\"").append(LEFT - 8).append("\" y=\"")
                    .append(Markup.num(py)).append("\">").append(Markup.text(tick.apply(v))).append("</text>");
        }
        for (int t : threads) {
            double x = px(t);
            svg.append("<line x1=\"").append(Markup.num(x)).append("\" x2=\"").append(Markup.num(x)).append("\" y1=\"")
                    .append(TOP).append("\" y2=\"").append(Markup.num(BOTTOM + 4)).append("\"/><text class=\"x-label\" x=\"")
                    .append(Markup.num(x)).append("\" y=\"").append(Markup.num(BOTTOM + 17)).append("\">").append(t)
                    .append("</text>");
        }
        svg.append("</g>");
        if (knee != null) {
            double x = px(knee);
            svg.append("<line class=\"knee\" x1=\"").append(Markup.num(x)).append("\" x2=\"").append(Markup.num(x))
                    .append("\" y1=\"").append(TOP).append("\" y2=\"").append(Markup.num(BOTTOM)).append("\"/>")
                    .append("<text class=\"knee-label\" x=\"").append(Markup.num(x + 4)).append("\" y=\"")
                    .append(TOP + 12).append("\">knee</text>");
        }
        StringBuilder line = new StringBuilder();
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < threads.size(); i++) {
            Spread v = values.get(i);
            if (v == null) continue;
            double x = px(threads.get(i));
            double cy = py(y, v.median());
            line.append(line.length() == 0 ? 'M' : 'L').append(Markup.num(x)).append(' ').append(Markup.num(cy));
            if (v.high() > v.low()) {
                points.append("<line class=\"whisker\" x1=\"").append(Markup.num(x)).append("\" x2=\"")
                        .append(Markup.num(x)).append("\" y1=\"").append(Markup.num(py(y, v.low()))).append("\" y2=\"")
                        .append(Markup.num(py(y, v.high()))).append("\"/>");
            }
            points.append("<circle class=\"point").append(knee != null && knee.equals(threads.get(i)) ? " at-knee" : "")
                    .append("\" cx=\"").append(Markup.num(x)).append("\" cy=\"").append(Markup.num(cy))
                    .append("\" r=\"4\" data-threads=\"").append(threads.get(i)).append("\"><title>")
                    .append(Markup.text(threads.get(i) + (threads.get(i) == 1 ? " thread: " : " threads: ")
                            + format.apply(v.median()) + (v.high() > v.low() ? " (" + format.apply(v.low()) + " – "
                            + format.apply(v.high()) + ", " + v.kind().wireName() + ")" : "")))
                    .append("</title></circle>");
        }
        if (line.length() > 0) svg.append("<path class=\"sweep-line\" d=\"").append(line).append("\"/>");
        svg.append(points);
        svg.append("<text class=\"axis-title\" x=\"").append(Markup.num(LEFT + (WIDTH - LEFT - RIGHT) / 2))
                .append("\" y=\"").append(Markup.num(HEIGHT - 6)).append("\">threads (log scale)</text>");
        svg.append("<text class=\"axis-title\" x=\"14\" y=\"").append(Markup.num((TOP + BOTTOM) / 2))
                .append("\" transform=\"rotate(-90 14 ").append(Markup.num((TOP + BOTTOM) / 2)).append(")\">")
                .append(Markup.text(axisTitle)).append("</text></svg>");
        return svg.toString();
    }

    /** Threads on a log2 scale: doubling steps sit evenly apart. A single step sits in the middle. */
    private double px(int t) {
        double low = log2(threads.get(0));
        double high = log2(threads.get(threads.size() - 1));
        double inset = 24;
        double span = WIDTH - LEFT - RIGHT - 2 * inset;
        if (high <= low) return LEFT + inset + span / 2;
        return LEFT + inset + (log2(t) - low) / (high - low) * span;
    }

    private static double log2(int t) {
        return Math.log(Math.max(1, t)) / Math.log(2);
    }

    private static double py(Axis y, double value) {
        return BOTTOM - (value - y.from()) / (y.to() - y.from()) * (BOTTOM - TOP);
    }
}
