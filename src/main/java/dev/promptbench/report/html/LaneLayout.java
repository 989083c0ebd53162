package dev.promptbench.report.html;

/**
 * Where a timeline's lanes sit: one per worker, thinner as workers grow so that a chart of a
 * thousand workers is still a screen tall.
 *
 * @param lanes      workers drawn
 * @param laneHeight pixels per lane
 * @param barHeight  pixels per bar (a gap is left between lanes while there is room)
 * @param top        pixel of the first lane's top
 * @param height     the whole chart, time axis included
 */
record LaneLayout(int lanes, double laneHeight, double barHeight, double top, double height) {
    /** The width every wide chart is drawn at (the page scales it); the same for every mode. */
    static final double WIDTH = 1360;
    static final double LEFT = 72;
    static final double RIGHT = 18;
    private static final double AXIS = 24;

    static LaneLayout of(int lanes) {
        int n = Math.max(1, lanes);
        double lane = n == 1 ? 30 : Math.max(0.25, Math.min(20, 440.0 / n));
        double bar = lane >= 5 ? lane * 0.76 : lane;
        double top = 6;
        return new LaneLayout(n, lane, bar, top, Math.ceil(top + n * lane + AXIS));
    }

    double plotBottom() {
        return top + lanes * laneHeight;
    }

    double barY(int lane) {
        return top + lane * laneHeight + (laneHeight - barHeight) / 2;
    }

    /** The time axis every timeline and in-flight chart shares. */
    static Axis timeAxis(double endMs) {
        return new Axis(0, endMs, LEFT, WIDTH - LEFT - RIGHT);
    }
}
