package dev.promptbench.report;

import dev.promptbench.stats.Percentiles;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * A histogram from a summary record (HdrHistogram's compressed form in base64), turned back into the
 * percentiles the run reported: the same bins give the same values, to the last digit.
 */
final class EncodedHistogram {
    private EncodedHistogram() {}

    /**
     * The percentiles in the reported unit, null when the histogram is empty.
     *
     * @param unitsPerReported recorded units per reported unit (1000 for microseconds reported as ms)
     * @throws IllegalArgumentException when the text is not an encoded histogram
     */
    static Percentiles percentiles(String base64, double unitsPerReported) {
        Histogram histogram;
        try {
            histogram = Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an encoded histogram", e);
        }
        return of(histogram, unitsPerReported);
    }

    /** Percentiles of a histogram, computed as the run computes them. */
    static Percentiles of(Histogram histogram, double unitsPerReported) {
        if (histogram.getTotalCount() == 0) return null;
        return new Percentiles(histogram.getTotalCount(),
                histogram.getValueAtPercentile(50) / unitsPerReported,
                histogram.getValueAtPercentile(90) / unitsPerReported,
                histogram.getValueAtPercentile(95) / unitsPerReported,
                histogram.getValueAtPercentile(99) / unitsPerReported,
                histogram.getMaxValue() / unitsPerReported);
    }

    /** HdrHistogram's compressed form in base64, as summary records carry it. */
    static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }
}
