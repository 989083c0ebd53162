package dev.promptbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.run.Mode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KneeTest {
    private static ModeSummary summary(double rps, long errors, long rateLimited) {
        return new ModeSummary(Mode.PARALLEL, 0, 1, 1000, 10, 10 - errors, errors, 0, 0, rps, null, null, null, null,
                new ModeSummary.Tokens(0L, 0L, 0.0, 0), null, null, Map.of(), 0, rateLimited, 0, 0, Map.of());
    }

    private static SweepStep step(int threads, double rps) {
        return SweepStep.of(threads, List.of(summary(rps, 0, 0)));
    }

    @Test
    void theKneeIsTheStepAfterWhichThroughputGrowsLessThanTenPercent() {
        Knee knee = Knee.of(List.of(step(1, 10), step(2, 19.5), step(4, 38), step(8, 40), step(16, 41)));
        assertEquals(4, knee.threads());
        assertTrue(knee.reason().contains("8 threads"), knee.reason());
    }

    @Test
    void errorsOr429sMarkTheKneeToo() {
        Knee knee = Knee.of(List.of(step(1, 10), step(2, 20),
                SweepStep.of(4, List.of(summary(40, 0, 3)))));
        assertEquals(2, knee.threads());
        assertTrue(knee.reason().contains("429"), knee.reason());
    }

    @Test
    void stillGrowingMeansNoKnee() {
        Knee knee = Knee.of(List.of(step(1, 10), step(2, 20), step(4, 40)));
        assertNull(knee.threads());
    }

    @Test
    void oneStepCannotHaveAKnee() {
        assertNull(Knee.of(List.of(step(1, 10))).threads());
    }
}
