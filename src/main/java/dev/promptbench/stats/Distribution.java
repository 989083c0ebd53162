package dev.promptbench.stats;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * One measured distribution, kept as an HdrHistogram (fixed memory whatever the count, three
 * significant digits) of integer units, reported in a larger unit: times are recorded in
 * microseconds and reported in milliseconds.
 */
public final class Distribution {
    private final Histogram histogram = new Histogram(3);
    private final double unitsPerReported;

    /** @param unitsPerReported recorded units per reported unit (1000 for microseconds shown as ms) */
    Distribution(double unitsPerReported) {
        this.unitsPerReported = unitsPerReported;
    }

    static Distribution ofMicrosAsMillis() {
        return new Distribution(1000);
    }

    void recordNanos(long nanos) {
        histogram.recordValue(Math.max(0, nanos / 1_000));
    }

    /** Records a value given in the reported unit (e.g. tokens per second), at the histogram's resolution. */
    void recordReported(double value) {
        histogram.recordValue(Math.max(0, Math.round(value * unitsPerReported)));
    }

    /** The percentiles in the reported unit, or null when nothing was recorded. */
    Percentiles percentiles() {
        if (histogram.getTotalCount() == 0) return null;
        return new Percentiles(histogram.getTotalCount(), reported(histogram.getValueAtPercentile(50)),
                reported(histogram.getValueAtPercentile(90)), reported(histogram.getValueAtPercentile(95)),
                reported(histogram.getValueAtPercentile(99)), reported(histogram.getMaxValue()));
    }

    /** HdrHistogram's compressed form in base64, from which every percentile can be rebuilt. */
    String encoded() {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    /**
     * The percentiles of an {@link #encoded()} distribution, in the reported unit: the same bins give the
     * same values, to the last digit; null when it is empty.
     *
     * @param unitsPerReported recorded units per reported unit (1000 for microseconds reported as ms)
     * @throws IllegalArgumentException when the text is not an encoded histogram
     */
    public static Percentiles decode(String base64, double unitsPerReported) {
        return pooled(List.of(base64), unitsPerReported);
    }

    /**
     * The percentiles of several {@link #encoded()} distributions taken as one (every value of each, as if
     * recorded together), in the reported unit; null when they are all empty.
     *
     * @throws IllegalArgumentException when a text is not an encoded histogram
     */
    public static Percentiles pooled(List<String> base64s, double unitsPerReported) {
        Distribution distribution = new Distribution(unitsPerReported);
        for (String base64 : base64s) {
            try {
                ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(base64));
                distribution.histogram.add(Histogram.decodeFromCompressedByteBuffer(buffer, 0));
            } catch (DataFormatException | RuntimeException e) {
                throw new IllegalArgumentException("not an encoded histogram", e);
            }
        }
        return distribution.percentiles();
    }

    private double reported(long value) {
        return value / unitsPerReported;
    }
}
