package dev.promptbench.cli;

import dev.promptbench.run.Plan;
import dev.promptbench.run.RequestResult;
import dev.promptbench.run.RequestStatus;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One line on stderr, redrawn a few times a second while a mode runs: done / total, ok, errors,
 * 429s, requests per second, in flight and time left. Plain text and a carriage return only (no
 * escape codes), and only on a terminal.
 */
final class ProgressLine implements AutoCloseable {
    private static final long REDRAW_MILLIS = 250;

    private final PrintWriter err;
    private final ScheduledExecutorService redraws = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "promptbench-progress");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> redraw;
    private String label = "";
    private int total;
    private int workers;
    private long startedNanos;
    private int done;
    private int ok;
    private int errors;
    private int rateLimited;
    private int width;

    ProgressLine(PrintWriter err) {
        this.err = err;
    }

    synchronized void start(Plan plan, int repeat, int prompts) {
        stop();
        label = plan.mode().wireName() + (repeat > 0 ? " #" + (repeat + 1) : "");
        total = prompts;
        workers = plan.workers();
        startedNanos = System.nanoTime();
        done = ok = errors = rateLimited = 0;
        redraw = redraws.scheduleAtFixedRate(this::draw, REDRAW_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
    }

    synchronized void count(RequestResult result) {
        if (result.warmup()) return;
        done++;
        if (result.status() == RequestStatus.OK || result.status() == RequestStatus.FILTERED) ok++;
        if (result.status() == RequestStatus.ERROR) errors++;
        rateLimited += result.attempts().rateLimited();
    }

    /** Wipes the line (it comes back at the next redraw), so another line can be printed cleanly. */
    synchronized void clear() {
        if (width == 0) return;
        err.print("\r" + " ".repeat(width) + "\r");
        err.flush();
        width = 0;
    }

    /** Stops redrawing and clears the line, so the next output starts clean. */
    synchronized void stop() {
        if (redraw == null) return;
        redraw.cancel(false);
        redraw = null;
        err.print("\r" + " ".repeat(width) + "\r");
        err.flush();
        width = 0;
    }

    private synchronized void draw() {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        int inFlight = Math.min(workers, total - done);
        String eta = rate > 0 && done < total ? eta((total - done) / rate) : "-";
        String line = String.format(Locale.ROOT, "%s %d/%d · ok %d · errors %d · 429s %d · %.1f req/s · in flight %d · "
                + "ETA %s", label, done, total, ok, errors, rateLimited, rate, inFlight, eta);
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        err.flush();
        width = line.length();
    }

    private static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    @Override
    public void close() {
        stop();
        redraws.shutdownNow();
    }
}
