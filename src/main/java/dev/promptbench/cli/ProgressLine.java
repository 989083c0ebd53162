package dev.promptbench.cli;

import dev.promptbench.clock.Ticker;
import dev.promptbench.results.request.RequestResult;
import dev.promptbench.results.request.RequestStatus;
import dev.promptbench.run.Plan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One line on stderr, redrawn a few times a second while a mode runs: done / total, ok, errors,
 * 429s, requests per second, in flight and time left. Plain text and a carriage return only (no
 * escape codes), and only on a terminal. It stays shorter than the terminal is wide (a line that
 * wraps cannot be redrawn in place): on a narrow terminal the least useful figures go first.
 */
final class ProgressLine implements AutoCloseable {
    private static final long REDRAW_MILLIS = 250;
    private static final String SEPARATOR = " · ";
    /** Which fields go first when the line is too wide: in flight, req/s, 429s, ok, ETA, then errors. */
    private static final int[] DROP_ORDER = {5, 4, 3, 1, 6, 2};

    private final PrintWriter err;
    private final int columns;
    private final Ticker ticker;
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

    /**
     * @param columns the terminal's width; the line is kept at least one column shorter
     * @param ticker  the run's monotonic clock
     */
    ProgressLine(PrintWriter err, int columns, Ticker ticker) {
        this.err = err;
        this.columns = columns;
        this.ticker = ticker;
    }

    synchronized void start(Plan plan, int repeat, int prompts) {
        stop();
        label = plan.mode().wireName() + (repeat > 0 ? " #" + (repeat + 1) : "");
        total = prompts;
        workers = plan.workers();
        startedNanos = ticker.nanoTime();
        done = ok = errors = rateLimited = 0;
        redraw = redraws.scheduleAtFixedRate(this::draw, REDRAW_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
    }

    void count(RequestResult result) {
        if (!result.warmup()) count(result.status(), result.attempts().rateLimited());
    }

    synchronized void count(RequestStatus status, int rateLimitedAttempts) {
        done++;
        if (status == RequestStatus.OK || status == RequestStatus.FILTERED) ok++;
        if (status == RequestStatus.ERROR) errors++;
        rateLimited += rateLimitedAttempts;
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
        String line = render();
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        err.flush();
        width = line.length();
    }

    /** The line as it would be drawn now, shorter than the terminal's width. */
    synchronized String render() {
        double seconds = (ticker.nanoTime() - startedNanos) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        int inFlight = Math.min(workers, total - done);
        String eta = rate > 0 && done < total ? eta((total - done) / rate) : "-";
        List<String> fields = new ArrayList<>(List.of(
                label + " " + done + "/" + total,
                "ok " + ok,
                "errors " + errors,
                "429s " + rateLimited,
                String.format(Locale.ROOT, "%.1f req/s", rate),
                "in flight " + inFlight,
                "ETA " + eta));
        for (int i = 0; i < DROP_ORDER.length && length(fields) >= columns; i++) fields.set(DROP_ORDER[i], null);
        String line = String.join(SEPARATOR, fields.stream().filter(f -> f != null).toList());
        return line.length() < columns ? line : line.substring(0, Math.max(0, columns - 1));
    }

    private static int length(List<String> fields) {
        List<String> kept = fields.stream().filter(f -> f != null).toList();
        return kept.stream().mapToInt(String::length).sum() + SEPARATOR.length() * Math.max(0, kept.size() - 1);
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
