package dev.promptbench.app;

import dev.promptbench.control.LimitListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects the adaptive limit's changes as workers make them, for the runner to write into the
 * results file after each mode (the file takes records from one thread at a time).
 */
final class LimitLog implements LimitListener {
    /** One change, on the limiter's ticker. */
    record Change(long nanoTime, int limit, String reason) {}

    private final ConcurrentLinkedQueue<Change> changes = new ConcurrentLinkedQueue<>();

    @Override
    public void limitChanged(long nanoTime, int limit, String reason) {
        changes.add(new Change(nanoTime, limit, reason));
    }

    /** The changes since the last call, oldest first. */
    List<Change> drain() {
        List<Change> drained = new ArrayList<>();
        Change change;
        while ((change = changes.poll()) != null) {
            drained.add(change);
        }
        return drained;
    }
}
