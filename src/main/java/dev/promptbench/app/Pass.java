package dev.promptbench.app;

import dev.promptbench.run.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass over the prompt file: a plan and its repeat number.
 *
 * @param plan   how the prompts are sent
 * @param repeat 0-based repeat number
 */
record Pass(Plan plan, int repeat) {

    /**
     * The passes of a run in order: each repeat runs the plans as given ({@code seq-first},
     * {@code par-first}); {@code alternate} reverses every other repeat (seq, par, par, seq, ...) so
     * drift and warm caches do not favour one mode.
     */
    static List<Pass> schedule(List<Plan> plans, int repeats, PassOrder order) {
        List<Pass> passes = new ArrayList<>();
        for (int repeat = 0; repeat < repeats; repeat++) {
            List<Plan> these = new ArrayList<>(plans);
            if (order == PassOrder.ALTERNATE && repeat % 2 == 1) java.util.Collections.reverse(these);
            for (Plan plan : these) passes.add(new Pass(plan, repeat));
        }
        return passes;
    }
}
