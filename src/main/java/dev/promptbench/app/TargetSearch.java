package dev.promptbench.app;

import dev.promptbench.stats.SweepStep;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code --target}: the highest thread count whose step meets the target, between the lowest and the
 * highest {@code --threads} value. Doubles from the lowest while the target is met, then bisects between
 * the highest count that met it and the lowest that did not. A count that met it above one that did not
 * (noise) is not trusted: the bracket is the highest pass below the lowest fail.
 *
 * @param low  the first count tried
 * @param high the most tried
 */
record TargetSearch(SweepTarget target, int low, int high) implements StepOrder {

    /** The answer: the count to recommend (null when none met the target) and the evidence, one sentence. */
    record Recommendation(Integer threads, String evidence) {}

    @Override
    public OptionalInt next(List<SweepStep> done) {
        if (done.isEmpty()) return OptionalInt.of(low);
        SweepStep pass = highestPass(done);
        SweepStep fail = lowestFail(done);
        if (pass == null) return OptionalInt.empty(); // even the lowest count misses it
        if (fail == null) {
            return pass.threads() >= high ? OptionalInt.empty() : OptionalInt.of(Math.min(high, 2 * pass.threads()));
        }
        int between = (pass.threads() + fail.threads()) / 2;
        return between == pass.threads() ? OptionalInt.empty() : OptionalInt.of(between);
    }

    @Override
    public List<Integer> planned(List<SweepStep> done) {
        return List.of();
    }

    @Override
    public String stoppedEarly(List<SweepStep> done) {
        return null;
    }

    /** What the steps so far recommend; {@code complete} is false when the search was cut short. */
    Recommendation recommend(List<SweepStep> done, boolean complete) {
        SweepStep pass = highestPass(done);
        SweepStep fail = lowestFail(done);
        String soFar = complete ? "" : " so far (the search was cut short)";
        if (pass == null) {
            SweepStep first = fail != null ? fail : null;
            return new Recommendation(null, "no thread count meets " + target.text()
                    + (first == null ? "" : ": at " + threads(first.threads()) + " " + target.metric() + " is "
                            + target.show(first)));
        }
        String met = target.metric() + " " + target.show(pass) + " at " + threads(pass.threads()) + " meets "
                + target.text();
        if (fail == null) {
            return new Recommendation(pass.threads(), "recommended --threads " + pass.threads() + soFar + ": " + met
                    + (pass.threads() >= high ? ", the most tried (raise the highest --threads to look further)" : ""));
        }
        return new Recommendation(pass.threads(), "recommended --threads " + pass.threads() + soFar + ": " + met
                + "; at " + threads(fail.threads()) + " it is " + target.show(fail));
    }

    /** The step with the fewest threads that misses the target, or null. */
    private SweepStep lowestFail(List<SweepStep> done) {
        SweepStep lowest = null;
        for (SweepStep step : done) {
            if (!target.metBy(step) && (lowest == null || step.threads() < lowest.threads())) lowest = step;
        }
        return lowest;
    }

    /** The step with the most threads that meets the target below the lowest miss, or null. */
    private SweepStep highestPass(List<SweepStep> done) {
        SweepStep fail = lowestFail(done);
        SweepStep highest = null;
        for (SweepStep step : done) {
            if (target.metBy(step) && (fail == null || step.threads() < fail.threads())
                    && (highest == null || step.threads() > highest.threads())) {
                highest = step;
            }
        }
        return highest;
    }

    private static String threads(int n) {
        return n + (n == 1 ? " thread" : " threads");
    }
}
