package dev.promptbench.report.html;

import java.util.Arrays;
import java.util.List;

/**
 * Requests in flight over time, on the timelines' time axis: an exact step line (from every start and
 * end) for small runs, otherwise the average in flight per time bucket, which is the same line smoothed
 * to what a screen can show. The worker limit is dashed; when the run adapted its concurrency, the
 * limit's recorded changes are drawn over it as a second step line.
 */
final class InFlightChart {
    /** Up to this many requests every start and end gets its own step. */
    static final int EXACT_LIMIT = 2000;
    private static final int BUCKETS = 635;
    private static final double HEIGHT = 132;
    private static final double TOP = 10;
    private static final double BOTTOM = HEIGHT - 24;

    private final ModeTrace trace;
    private final Axis time;
    private final int limit;

    /** @param limit the mode's worker count, drawn as a dashed line */
    InFlightChart(ModeTrace trace, Axis time, int limit) {
        this.trace = trace;
        this.time = time;
        this.limit = limit;
    }

    /** The step line as (time, value) corners; the value holds until the next corner. */
    private record Steps(double[] times, double[] values, int size, double peak) {}

    private Steps steps() {
        if (trace.detailed() && trace.size() <= EXACT_LIMIT) return exact();
        if (trace.detailed()) return bucketed();
        LaneDensity density = trace.density();
        double[] times = new double[LaneDensity.BINS + 1];
        double[] values = new double[LaneDensity.BINS + 1];
        double peak = 0;
        for (int b = 0; b < LaneDensity.BINS; b++) {
            times[b] = b * density.width();
            values[b] = density.inFlight(b);
            peak = Math.max(peak, values[b]);
        }
        times[LaneDensity.BINS] = LaneDensity.BINS * density.width();
        return new Steps(times, values, LaneDensity.BINS + 1, peak);
    }

    private Steps exact() {
        int n = trace.size();
        double[] starts = new double[n];
        double[] ends = new double[n];
        for (int i = 0; i < n; i++) {
            starts[i] = trace.start(i);
            ends[i] = trace.end(i);
        }
        Arrays.sort(starts);
        Arrays.sort(ends);
        double[] times = new double[2 * n + 1];
        double[] values = new double[2 * n + 1];
        int size = 0;
        int inFlight = 0;
        int peak = 0;
        int s = 0;
        int e = 0;
        times[size] = 0;
        values[size++] = 0;
        while (s < n || e < n) {
            // An end at the same instant as a start frees the worker first.
            double at = e < n && (s >= n || ends[e] <= starts[s]) ? ends[e] : starts[s];
            while (e < n && ends[e] == at) {
                inFlight--;
                e++;
            }
            while (s < n && starts[s] == at) {
                inFlight++;
                s++;
            }
            peak = Math.max(peak, inFlight);
            if (times[size - 1] == at) {
                values[size - 1] = inFlight;
            } else {
                times[size] = at;
                values[size++] = inFlight;
            }
        }
        return new Steps(times, values, size, peak);
    }

    private Steps bucketed() {
        double width = time.to() / BUCKETS;
        double[] busy = new double[BUCKETS];
        for (int i = 0; i < trace.size(); i++) {
            double from = trace.start(i);
            double to = trace.end(i);
            int first = Math.min(BUCKETS - 1, (int) (from / width));
            int last = Math.min(BUCKETS - 1, (int) (to / width));
            for (int b = first; b <= last; b++) {
                double overlap = Math.min(to, (b + 1) * width) - Math.max(from, b * width);
                if (overlap > 0) busy[b] += overlap;
            }
        }
        double[] times = new double[BUCKETS + 1];
        double[] values = new double[BUCKETS + 1];
        double peak = 0;
        for (int b = 0; b < BUCKETS; b++) {
            times[b] = b * width;
            values[b] = busy[b] / width;
            peak = Math.max(peak, values[b]);
        }
        times[BUCKETS] = BUCKETS * width;
        return new Steps(times, values, BUCKETS + 1, peak);
    }

    String markup() {
        Steps steps = steps();
        List<LimitChange> changes = trace.limits();
        int highestLimit = changes.stream().mapToInt(LimitChange::limit).max().orElse(0);
        double top = Math.max(Math.max(Math.max(1, limit), highestLimit), Math.ceil(steps.peak()));
        Axis y = new Axis(0, top * 1.18, 0, 1);
        StringBuilder svg = new StringBuilder(512 + steps.size() * 24);
        svg.append("<svg class=\"chart inflight\" viewBox=\"0 0 ").append((int) LaneLayout.WIDTH).append(' ')
                .append((int) HEIGHT).append("\" role=\"img\" aria-label=\"Requests in flight over time, ")
                .append(Markup.text(trace.mode())).append(" mode\">");
        svg.append("<rect class=\"plot\" x=\"").append(Markup.num(time.left())).append("\" y=\"").append(TOP)
                .append("\" width=\"").append(Markup.num(time.width())).append("\" height=\"")
                .append(Markup.num(BOTTOM - TOP)).append("\"/><g class=\"grid\">");
        for (double v : time.ticks(10)) {
            double x = time.x(v);
            svg.append("<line x1=\"").append(Markup.num(x)).append("\" x2=\"").append(Markup.num(x)).append("\" y1=\"")
                    .append(TOP).append("\" y2=\"").append(Markup.num(BOTTOM + 4)).append("\"/><text class=\"x-label\" x=\"")
                    .append(Markup.num(x)).append("\" y=\"").append(Markup.num(BOTTOM + 17)).append("\">")
                    .append(Markup.text(Markup.tick(v))).append("</text>");
        }
        for (double v : new Axis(0, top, 0, 1).ticks(4, 1)) {
            double py = py(y, v);
            svg.append("<line class=\"h\" x1=\"").append(Markup.num(time.left())).append("\" x2=\"")
                    .append(Markup.num(time.left() + time.width())).append("\" y1=\"").append(Markup.num(py))
                    .append("\" y2=\"").append(Markup.num(py)).append("\"/><text class=\"y-label\" x=\"")
                    .append(Markup.num(time.left() - 8)).append("\" y=\"").append(Markup.num(py)).append("\">")
                    .append(Markup.text(Markup.decimal(v, v == Math.rint(v) ? 0 : 1))).append("</text>");
        }
        svg.append("</g>");
        StringBuilder path = new StringBuilder(steps.size() * 20);
        path.append('M').append(Markup.num(time.x(0))).append(' ').append(Markup.num(py(y, 0)));
        for (int i = 0; i < steps.size(); i++) {
            double x = time.x(Math.min(time.to(), steps.times()[i]));
            path.append('H').append(Markup.num(x)).append('V').append(Markup.num(py(y, steps.values()[i])));
        }
        path.append('H').append(Markup.num(time.x(Math.min(time.to(), steps.times()[steps.size() - 1]))));
        String line = path.toString();
        svg.append("<path class=\"inflight-area\" d=\"").append(line).append('V').append(Markup.num(py(y, 0)))
                .append("Z\"/><path class=\"inflight-line\" d=\"").append(line).append("\"/>");
        double limitY = py(y, limit);
        svg.append("<line class=\"limit\" x1=\"").append(Markup.num(time.left())).append("\" x2=\"")
                .append(Markup.num(time.left() + time.width())).append("\" y1=\"").append(Markup.num(limitY))
                .append("\" y2=\"").append(Markup.num(limitY)).append("\"/><text class=\"limit-label\" x=\"")
                .append(Markup.num(time.left() + time.width() - 4)).append("\" y=\"").append(Markup.num(limitY - 4))
                .append("\">").append(limit).append(limit == 1 ? " worker" : " workers")
                .append(changes.isEmpty() ? "" : " (most in flight)").append("</text>");
        if (!changes.isEmpty()) svg.append(limitSteps(changes, y));
        svg.append("<text class=\"axis-title\" x=\"14\" y=\"").append(Markup.num((TOP + BOTTOM) / 2))
                .append("\" transform=\"rotate(-90 14 ").append(Markup.num((TOP + BOTTOM) / 2))
                .append(")\">in flight</text></svg>");
        return svg.toString();
    }

    /**
     * The adaptive limit as a step line from its first recorded change to the mode's end, with a point
     * per change whose hover title says when, to what and why.
     */
    private String limitSteps(List<LimitChange> changes, Axis y) {
        StringBuilder path = new StringBuilder();
        StringBuilder points = new StringBuilder();
        double last = 0;
        for (int i = 0; i < changes.size(); i++) {
            LimitChange c = changes.get(i);
            double x = time.x(Math.min(time.to(), Math.max(0, c.atMs())));
            double cy = py(y, c.limit());
            if (i == 0) path.append('M').append(Markup.num(x)).append(' ').append(Markup.num(cy));
            else path.append('H').append(Markup.num(x)).append('V').append(Markup.num(cy));
            last = Math.max(last, c.atMs());
            points.append("<circle class=\"limit-point\" cx=\"").append(Markup.num(x)).append("\" cy=\"")
                    .append(Markup.num(cy)).append("\" r=\"3\" data-limit=\"").append(c.limit()).append("\"><title>")
                    .append(Markup.text(Markup.duration(c.atMs()) + ": limit " + c.limit()
                            + (c.reason().isEmpty() ? "" : " (" + c.reason() + ")")))
                    .append("</title></circle>");
        }
        path.append('H').append(Markup.num(time.x(Math.min(time.to(), Math.max(last, trace.maxEnd())))));
        return "<g class=\"limit-steps\" data-points=\"" + changes.size() + "\"><path class=\"limit-step\" d=\""
                + path + "\"/>" + points + "</g>";
    }

    private static double py(Axis y, double value) {
        return BOTTOM - (value - y.from()) / (y.to() - y.from()) * (BOTTOM - TOP);
    }

    String caption() {
        String adaptive = trace.limits().isEmpty() ? "" : " Steps: the adaptive concurrency limit, changed "
                + Markup.count(trace.limits().size()) + (trace.limits().size() == 1 ? " time" : " times")
                + " from its first recorded change (hover a point for the reason).";
        if (trace.detailed() && trace.size() <= EXACT_LIMIT) {
            return "Requests in flight: +1 at each start, −1 at each end; dashed: the worker limit." + adaptive;
        }
        return "Requests in flight, averaged over each time bucket; dashed: the worker limit." + adaptive;
    }
}
