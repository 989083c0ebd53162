package dev.promptbench.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * A mode's timeline aggregated into time bins, for runs too large to keep one record per request:
 * per worker, how busy it was in each bin, and per bin how many requests ended in an error. The bins
 * widen (doubling, neighbours merged) as later requests arrive, so memory stays fixed whatever the
 * run's length or size.
 */
final class LaneDensity {
    static final int BINS = 512;
    /** Lanes past this one are folded into the last row; a chart cannot show more anyway. */
    static final int MAX_LANES = 4096;

    private final List<float[]> busy = new ArrayList<>();
    private final float[] errors = new float[BINS];
    private double width;

    /** @param expectedEndMs a first guess of the run's length; the bins widen if it is exceeded */
    LaneDensity(double expectedEndMs) {
        this.width = Math.max(1e-3, expectedEndMs / BINS);
    }

    void add(int lane, double startMs, double endMs, boolean error) {
        if (lane < 0) return;
        int row = Math.min(lane, MAX_LANES - 1);
        while (busy.size() <= row) busy.add(new float[BINS]);
        while (endMs >= width * BINS) widen();
        float[] cells = busy.get(row);
        double from = Math.max(0, startMs);
        double to = Math.max(from, endMs);
        int first = (int) (from / width);
        int last = Math.min(BINS - 1, (int) (to / width));
        for (int b = first; b <= last; b++) {
            double overlap = Math.min(to, (b + 1) * width) - Math.max(from, b * width);
            if (overlap > 0) cells[b] += (float) overlap;
        }
        if (error) errors[Math.min(BINS - 1, (int) (to / width))]++;
    }

    private void widen() {
        for (float[] cells : busy) merge(cells);
        merge(errors);
        width *= 2;
    }

    private static void merge(float[] cells) {
        for (int b = 0; b < BINS / 2; b++) cells[b] = cells[2 * b] + cells[2 * b + 1];
        for (int b = BINS / 2; b < BINS; b++) cells[b] = 0;
    }

    double width() {
        return width;
    }

    int lanes() {
        return busy.size();
    }

    /** How busy the worker was in the bin, 0..1. */
    double occupancy(int lane, int bin) {
        return Math.min(1, busy.get(lane)[bin] / width);
    }

    /** Requests in flight on average over the bin: the sum of every worker's occupancy. */
    double inFlight(int bin) {
        double sum = 0;
        for (float[] cells : busy) sum += cells[bin];
        return sum / width;
    }

    int errors(int bin) {
        return Math.round(errors[bin]);
    }
}
