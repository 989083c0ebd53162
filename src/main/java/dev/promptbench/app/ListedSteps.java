package dev.promptbench.app;

import dev.promptbench.stats.Knee;
import dev.promptbench.stats.SweepStep;
import java.util.List;
import java.util.OptionalInt;

/**
 * The {@code --threads} steps in ascending order; with {@code --until saturation}, only until the knee
 * shows (see {@link Knee}): the steps after it would only confirm it, at the price of their requests.
 */
record ListedSteps(List<Integer> steps, boolean untilSaturation) implements StepOrder {

    ListedSteps {
        steps = List.copyOf(steps);
    }

    @Override
    public OptionalInt next(List<SweepStep> done) {
        List<Integer> left = planned(done);
        return left.isEmpty() || saturated(done) ? OptionalInt.empty() : OptionalInt.of(left.get(0));
    }

    @Override
    public List<Integer> planned(List<SweepStep> done) {
        return steps.subList(Math.min(done.size(), steps.size()), steps.size());
    }

    @Override
    public String stoppedEarly(List<SweepStep> done) {
        if (!saturated(done) || planned(done).isEmpty()) return null;
        return "stopped at the knee (--until saturation): " + Knee.of(done).reason();
    }

    private boolean saturated(List<SweepStep> done) {
        return untilSaturation && Knee.of(done).threads() != null;
    }
}
