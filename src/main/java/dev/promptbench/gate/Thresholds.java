package dev.promptbench.gate;

import java.util.ArrayList;
import java.util.List;

/** The run's CI gates ({@code --fail-if}, repeatable), parsed once up front and checked once at the end. */
public final class Thresholds {
    private final List<Threshold> all;

    private Thresholds(List<Threshold> all) {
        this.all = List.copyOf(all);
    }

    /**
     * Parses every threshold (see {@link Threshold} for the grammar).
     *
     * @param expressions   the thresholds as written
     * @param baselineGiven whether a baseline will be there to compare with: relative thresholds need one
     * @throws GateException one line, for the first threshold that does not parse
     */
    public static Thresholds parse(List<String> expressions, boolean baselineGiven) {
        List<Threshold> parsed = new ArrayList<>();
        for (String expression : expressions) {
            Threshold threshold = Threshold.parse(expression);
            if (threshold.relative() && !baselineGiven) {
                throw new GateException("'" + threshold.text() + "': +N% and -N% compare with a saved run: "
                        + "give --baseline FILE");
            }
            parsed.add(threshold);
        }
        return new Thresholds(parsed);
    }

    public List<Threshold> all() {
        return all;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /**
     * Checks every threshold, in the order given.
     *
     * @param run      the run
     * @param baseline the baseline, or null
     */
    public List<Verdict> evaluate(GatedRun run, GatedRun baseline) {
        return all.stream().map(t -> t.evaluate(run, baseline)).toList();
    }
}
