package dev.promptbench.app;

import dev.promptbench.stats.SweepStep;
import java.util.List;
import java.util.OptionalInt;

/** Which concurrency a sweep runs next, from the steps measured so far (in the order they ran). Pure. */
interface StepOrder {
    /** The next thread count, or empty when the sweep is done. */
    OptionalInt next(List<SweepStep> done);

    /** The steps still planned, in order (empty when they depend on what is measured, as in a search). */
    List<Integer> planned(List<SweepStep> done);

    /** Why the sweep ended before its planned steps, or null when it did not. */
    String stoppedEarly(List<SweepStep> done);
}
