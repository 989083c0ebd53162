package dev.promptbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LowerBoundTest {
    private static final long MS = 1_000_000L;

    @Test
    void equalJobsFillWholeWaves() {
        long[] jobs = new long[400];
        Arrays.fill(jobs, 200 * MS);
        // 400 jobs on 32 slots: 12.5 waves, so 13 waves of 200 ms.
        assertEquals(2_600 * MS, LowerBound.makespanNanos(jobs, jobs.length, 32));
    }

    @Test
    void oneSlotIsTheSum() {
        long[] jobs = {5, 7, 11};
        assertEquals(23, LowerBound.makespanNanos(jobs, 3, 1));
    }

    @Test
    void jobsGoToTheSlotThatFreesFirstInSubmissionOrder() {
        // slot A: 10, then 3 (free at 10 vs B at 4 -> B), ...
        long[] jobs = {10, 4, 3, 8};
        // t=0: A<-10 (ends 10), B<-4 (ends 4); job 3 -> B (4..7); job 8 -> B (7..15). Makespan 15.
        assertEquals(15, LowerBound.makespanNanos(jobs, 4, 2));
    }

    @Test
    void moreSlotsThanJobsIsTheLongestJob() {
        long[] jobs = {3, 9, 2};
        assertEquals(9, LowerBound.makespanNanos(jobs, 3, 64));
    }

    @Test
    void onlyTheCountedPrefixIsUsed() {
        long[] jobs = {3, 9, 1000};
        assertEquals(12, LowerBound.makespanNanos(jobs, 2, 1));
    }

    @Test
    void noJobsTakeNoTime() {
        assertEquals(0, LowerBound.makespanNanos(new long[0], 0, 4));
    }

    @Test
    void slotsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> LowerBound.makespanNanos(new long[] {1}, 1, 0));
    }
}
