package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.promptbench.results.request.StreamMetrics;
import org.junit.jupiter.api.Test;

/** Chunk gaps and per-token timing from known content instants. */
class ChunkTimesTest {

    @Test
    void noContentEventMeansNoInstantsAndNoGaps() {
        assertEquals(new StreamMetrics(Timing.UNSET, Timing.UNSET, 0, 0, 0, 0, false),
                new ChunkTimes().metrics(0, false));
    }

    @Test
    void oneEventHasNoGapAndNoTimePerToken() {
        ChunkTimes times = new ChunkTimes();
        times.mark(500);

        StreamMetrics metrics = times.metrics(1, true);

        assertEquals(new StreamMetrics(500, 500, 1, 0, 0, 1, true), metrics);
        assertNull(metrics.tpotNanos());
        assertNull(metrics.decodeTokensPerS());
    }

    @Test
    void gapsAreBetweenConsecutiveEventsWithTheLowerMiddleAsMedian() {
        ChunkTimes times = new ChunkTimes();
        for (long instant : new long[] {1_000, 1_010, 1_040, 1_045, 1_145}) {
            times.mark(instant);
        }

        StreamMetrics metrics = times.metrics(9, false);

        // Gaps 10, 30, 5, 100: sorted 5, 10, 30, 100.
        assertEquals(10, metrics.chunkGapP50Nanos());
        assertEquals(100, metrics.chunkGapMaxNanos());
        assertEquals(5, metrics.chunks());
        assertEquals(145.0 / 8, metrics.tpotNanos());
    }

    @Test
    void anOddNumberOfGapsHasItsMiddleAsMedian() {
        ChunkTimes times = new ChunkTimes();
        for (long instant : new long[] {0, 7, 10, 30}) {
            times.mark(instant);
        }

        assertEquals(7, times.metrics(4, false).chunkGapP50Nanos(), "gaps 7, 3, 20");
    }

    @Test
    void keepsEveryEventOfALongAnswer() {
        ChunkTimes times = new ChunkTimes();
        for (int i = 0; i < 1_000; i++) {
            times.mark(i * 20L);
        }

        StreamMetrics metrics = times.metrics(1_000, false);

        assertEquals(1_000, metrics.chunks());
        assertEquals(19_980, metrics.lastContentNanos());
        assertEquals(20, metrics.chunkGapP50Nanos());
        assertEquals(20.0, metrics.tpotNanos());
    }
}
