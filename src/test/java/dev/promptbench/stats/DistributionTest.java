package dev.promptbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A distribution survives its encoded form (the summary records' histograms) to the last digit. */
class DistributionTest {

    @Test
    void anEncodedDistributionGivesBackTheSamePercentiles() {
        Distribution distribution = Distribution.ofMicrosAsMillis();
        for (long v = 1; v <= 5000; v += 7) distribution.recordNanos(v * 131_000);
        Percentiles direct = distribution.percentiles();
        assertEquals(direct, Distribution.decode(distribution.encoded(), 1000));
        assertNull(Distribution.decode(Distribution.ofMicrosAsMillis().encoded(), 1000));
        assertThrows(IllegalArgumentException.class, () -> Distribution.decode("not base64!", 1000));
    }
}
