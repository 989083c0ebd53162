package dev.promptbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArrivalTest {
    private static final int DRAWS = 20_000;

    private static double[] meanAndCv(Arrival arrival) {
        Arrival.Gaps gaps = arrival.gaps();
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < DRAWS; i++) {
            double gap = gaps.nextNanos();
            sum += gap;
            squares += gap * gap;
        }
        double mean = sum / DRAWS;
        double variance = squares / DRAWS - mean * mean;
        return new double[] {mean, Math.sqrt(Math.max(0, variance)) / mean};
    }

    @Test
    void aSeededPoissonScheduleHasTheAskedMeanRate() {
        double[] poisson = meanAndCv(new Arrival(Arrival.Kind.POISSON, 50, 1, 7));
        assertEquals(20e6, poisson[0], 20e6 * 0.03, "mean gap of 50/s is 20 ms");
        assertEquals(1.0, poisson[1], 0.05, "exponential gaps: coefficient of variation 1");
    }

    @Test
    void gammaKeepsTheMeanAndChangesTheBurstiness() {
        double[] bursty = meanAndCv(new Arrival(Arrival.Kind.GAMMA, 50, 0.25, 7));
        double[] smooth = meanAndCv(new Arrival(Arrival.Kind.GAMMA, 50, 4, 7));
        assertEquals(20e6, bursty[0], 20e6 * 0.05);
        assertEquals(20e6, smooth[0], 20e6 * 0.05);
        assertEquals(2.0, bursty[1], 0.2, "shape 0.25: cv = 1/sqrt(0.25)");
        assertEquals(0.5, smooth[1], 0.05, "shape 4: cv = 1/sqrt(4)");
    }

    @Test
    void constantGapsAreExact() {
        Arrival.Gaps gaps = new Arrival(Arrival.Kind.CONSTANT, 4, 1, 1).gaps();
        for (int i = 0; i < 10; i++) assertEquals(250_000_000L, gaps.nextNanos());
    }

    @Test
    void theSameSeedReplaysTheSameScheduleAndAnotherDoesNot() {
        Arrival.Gaps a = new Arrival(Arrival.Kind.POISSON, 10, 1, 42).gaps();
        Arrival.Gaps b = new Arrival(Arrival.Kind.POISSON, 10, 1, 42).gaps();
        Arrival.Gaps c = new Arrival(Arrival.Kind.POISSON, 10, 1, 43).gaps();
        long first = a.nextNanos();
        assertEquals(first, b.nextNanos());
        assertNotEquals(first, c.nextNanos());
        for (int i = 0; i < 100; i++) assertEquals(a.nextNanos(), b.nextNanos());
    }

    @Test
    void aRateMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Arrival(Arrival.Kind.POISSON, 0, 1, 1));
        assertTrue(new Arrival(Arrival.Kind.POISSON, 0.5, 1, 1).toString().startsWith("poisson"));
    }
}
