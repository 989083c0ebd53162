package dev.promptbench.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear scale from a range of values onto a span of pixels, with round tick values (1, 2 or 5
 * times a power of ten) so axis labels read well.
 *
 * @param from   the value at {@code left}
 * @param to     the value at {@code left + width}
 * @param left   the pixel of {@code from}
 * @param width  pixels between {@code from} and {@code to}
 */
record Axis(double from, double to, double left, double width) {

    Axis {
        if (!(to > from)) to = from + 1;
    }

    double x(double value) {
        return left + (value - from) / (to - from) * width;
    }

    double pixelsPerUnit() {
        return width / (to - from);
    }

    /** Round values inside the range, about {@code wanted} of them. */
    List<Double> ticks(int wanted) {
        return ticks(wanted, 0);
    }

    /** Round values inside the range, no closer than {@code minStep} (1 for counts). */
    List<Double> ticks(int wanted, double minStep) {
        double step = Math.max(minStep, niceStep((to - from) / Math.max(1, wanted)));
        List<Double> ticks = new ArrayList<>();
        for (double v = Math.ceil(from / step) * step; v <= to + step * 1e-9; v += step) {
            ticks.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        }
        return ticks;
    }

    /** The smallest of 1, 2, 5 × 10^k that is at least {@code rough}. */
    static double niceStep(double rough) {
        if (!(rough > 0) || Double.isInfinite(rough)) return 1;
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double[] multiples = {1, 2, 5, 10};
        for (double m : multiples) {
            if (m * power >= rough * (1 - 1e-9)) return m * power;
        }
        return 10 * power;
    }
}
