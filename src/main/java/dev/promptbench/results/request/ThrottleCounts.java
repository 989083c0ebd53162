package dev.promptbench.results.request;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many 429s of each cause one request (or a mode) met; causes never met are absent.
 *
 * @param byCause counts per cause, all above 0
 */
public record ThrottleCounts(Map<ThrottleCause, Integer> byCause) {
    /** No 429 at all. */
    public static final ThrottleCounts NONE = new ThrottleCounts(Map.of());

    public ThrottleCounts {
        EnumMap<ThrottleCause, Integer> copy = new EnumMap<>(ThrottleCause.class);
        byCause.forEach((cause, count) -> {
            if (count == null || count < 0) throw new IllegalArgumentException("bad count for " + cause + ": " + count);
            if (count > 0) copy.put(cause, count);
        });
        byCause = Collections.unmodifiableMap(copy);
    }

    /** {@code count} 429s of one cause. */
    public static ThrottleCounts of(ThrottleCause cause, int count) {
        return count == 0 ? NONE : new ThrottleCounts(Map.of(cause, count));
    }

    /** These counts and one more 429 of {@code cause}. */
    public ThrottleCounts plus(ThrottleCause cause) {
        EnumMap<ThrottleCause, Integer> next = new EnumMap<>(ThrottleCause.class);
        next.putAll(byCause);
        next.merge(cause, 1, Integer::sum);
        return new ThrottleCounts(next);
    }

    /** All 429s counted. */
    public int total() {
        return byCause.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The count of {@code cause}, 0 when never met. */
    public int count(ThrottleCause cause) {
        return byCause.getOrDefault(cause, 0);
    }
}
