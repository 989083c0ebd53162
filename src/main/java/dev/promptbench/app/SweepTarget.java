package dev.promptbench.app;

import dev.promptbench.stats.SweepStep;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a sweep's step must meet for its thread count to be recommended ({@code --target}), e.g.
 * {@code p95<2s}: a latency percentile ({@code p50}, {@code p95}) under a time, or the
 * {@code error_rate} under a percentage. A step without the figure (nothing succeeded) does not meet it,
 * nor does a step that met 429s: its latency leaves out the time spent waiting to retry, and a thread
 * count the service throttles is no count to recommend.
 *
 * @param text   the target as written
 * @param metric {@code p50}, {@code p95} or {@code error_rate}
 * @param orEqual true for {@code <=}, false for {@code <}
 * @param limit  milliseconds for latency, percent for the error rate
 */
public record SweepTarget(String text, String metric, boolean orEqual, double limit) {
    private static final Pattern GRAMMAR = Pattern.compile(
            "\\s*(p50|p95|error_rate)\\s*(<=|<)\\s*(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(ms|s|%)?\\s*", Pattern.CASE_INSENSITIVE);

    /**
     * Reads {@code text}; throws {@link IllegalArgumentException} with one line saying what is wrong.
     */
    public static SweepTarget parse(String text) {
        Matcher m = GRAMMAR.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a target: use p50<TIME, p95<TIME (ms or s) or "
                    + "error_rate<N%, e.g. p95<2s; <= works too");
        }
        String metric = m.group(1).toLowerCase(Locale.ROOT);
        double number = Double.parseDouble(m.group(3));
        String unit = m.group(4) == null ? "" : m.group(4).toLowerCase(Locale.ROOT);
        double limit;
        if (metric.equals("error_rate")) {
            if (!unit.isEmpty() && !unit.equals("%")) {
                throw new IllegalArgumentException("'" + text + "': error_rate is a percentage, e.g. error_rate<1%");
            }
            limit = number;
        } else {
            if (!unit.equals("ms") && !unit.equals("s")) {
                throw new IllegalArgumentException("'" + text + "': " + metric + " needs a unit, ms or s, e.g. "
                        + metric + "<2s");
            }
            limit = unit.equals("s") ? number * 1000 : number;
        }
        return new SweepTarget(text.trim(), metric, m.group(2).equals("<="), limit);
    }

    /** The step's figure: milliseconds or percent; null when it has none. */
    public Double valueOf(SweepStep step) {
        return switch (metric) {
            case "p50" -> step.p50Ms() == null ? null : step.p50Ms().median();
            case "p95" -> step.p95Ms() == null ? null : step.p95Ms().median();
            default -> errorRate(step);
        };
    }

    /** True when {@code step} meets the target. */
    public boolean metBy(SweepStep step) {
        Double value = valueOf(step);
        return value != null && step.rateLimited() == 0 && (orEqual ? value <= limit : value < limit);
    }

    /** The step's figure for people: "1.84 s", "812 ms", "0.5%" or "-", and its 429s if any. */
    public String show(SweepStep step) {
        Double value = valueOf(step);
        String text;
        if (value == null) text = "-";
        else if (metric.equals("error_rate")) text = String.format(Locale.ROOT, "%.1f%%", value);
        else text = value >= 1000 ? String.format(Locale.ROOT, "%.2f s", value / 1000)
                : String.format(Locale.ROOT, "%.0f ms", value);
        return step.rateLimited() == 0 ? text : text + " with " + step.rateLimited() + " 429s";
    }

    private static Double errorRate(SweepStep step) {
        long ran = step.repeats().stream().mapToLong(r -> r.ok() + r.errors() + r.filtered()).sum();
        return ran == 0 ? null : 100.0 * step.errors() / ran;
    }
}
