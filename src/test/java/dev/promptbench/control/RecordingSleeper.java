package dev.promptbench.control;

import dev.promptbench.clock.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that only records what it was asked to wait and moves a fake clock by as much. */
final class RecordingSleeper implements Sleeper {
    private final FakeTicker ticker;
    private final List<Duration> sleeps = new ArrayList<>();
    private Runnable during = () -> {};

    RecordingSleeper(FakeTicker ticker) {
        this.ticker = ticker;
    }

    /** Runs {@code action} inside every sleep, before the clock moves (what other workers do meanwhile). */
    RecordingSleeper during(Runnable action) {
        this.during = action;
        return this;
    }

    @Override
    public synchronized void sleep(Duration duration) throws InterruptedException {
        sleeps.add(duration);
        during.run();
        ticker.advance(duration);
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
