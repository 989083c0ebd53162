package dev.promptbench.stats;

import java.util.Arrays;

/**
 * Service times by prompt index, for the lower-bound replay. A primitive array: 8 bytes per
 * request (8 MB for a million prompts), the one per-prompt cost statistics keep.
 */
final class ServiceTimes {
    private long[] nanosByIndex = new long[64];
    private boolean[] present = new boolean[64];
    private int highestIndex = -1;

    void put(int index, long nanos) {
        if (index >= nanosByIndex.length) {
            int size = Math.max(index + 1, nanosByIndex.length * 2);
            nanosByIndex = Arrays.copyOf(nanosByIndex, size);
            present = Arrays.copyOf(present, size);
        }
        nanosByIndex[index] = nanos;
        present[index] = true;
        highestIndex = Math.max(highestIndex, index);
    }

    /** The times in index order, skipping prompts that were never sent. */
    long[] inSubmissionOrder() {
        long[] ordered = new long[highestIndex + 1];
        int n = 0;
        for (int i = 0; i <= highestIndex; i++) {
            if (present[i]) ordered[n++] = nanosByIndex[i];
        }
        return Arrays.copyOf(ordered, n);
    }
}
