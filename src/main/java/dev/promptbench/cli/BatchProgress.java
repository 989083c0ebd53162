package dev.promptbench.cli;

import dev.promptbench.batch.BatchListener;
import dev.promptbench.batch.BatchState;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The progress of an awaited submission on stderr: one line redrawn in place on a terminal, a plain line
 * whenever it changes elsewhere (CI logs): done/failed/total, elapsed, and an estimate of the time left.
 */
final class BatchProgress implements BatchListener {
    private final PrintWriter err;
    private final boolean redraw;
    private final boolean quiet;
    private final Clock clock;
    private String last = "";
    private boolean drawn;

    BatchProgress(PrintWriter err, boolean redraw, boolean quiet, Clock clock) {
        this.err = err;
        this.redraw = redraw;
        this.quiet = quiet;
        this.clock = clock;
    }

    @Override
    public synchronized void notice(String line) {
        if (quiet && !line.startsWith("warning:")) return;
        end();
        err.println(line);
        err.flush();
    }

    @Override
    public synchronized void progress(BatchState state) {
        if (quiet) return;
        long done = state.completed();
        long failed = state.failed();
        long total = state.prompts();
        Duration elapsed = Duration.between(Instant.parse(state.submittedAt()), clock.instant());
        String eta = done + failed == 0 || done + failed >= total ? "-"
                : format(elapsed.multipliedBy(total - done - failed).dividedBy(done + failed));
        long running = state.parts().stream().filter(p -> !p.status().ended()).count();
        String line = String.format("batch: %,d done, %,d failed of %,d · %d part(s) running · elapsed %s · left %s",
                done, failed, total, running, format(elapsed), eta);
        String key = done + "/" + failed + "/" + running;
        if (redraw) {
            err.print("\r" + line + " ");
            drawn = true;
            err.flush();
        } else if (!key.equals(last)) {
            err.println(line);
            err.flush();
        }
        last = key;
    }

    /** Ends a redrawn line, so what follows starts on its own. */
    synchronized void end() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }

    private static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
