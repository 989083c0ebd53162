package dev.promptbench.report.html;

import dev.promptbench.results.request.RequestResult;
import dev.promptbench.results.request.RequestStatus;
import dev.promptbench.results.request.ThrottleCause;
import dev.promptbench.results.request.ThrottleCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One mode's measured requests (its first repeat, warm-ups left out) as primitive columns, one
 * row per request that ran. Past {@code detailLimit} rows the columns are folded into a
 * {@link LaneDensity} and dropped, so a run of any size is read in bounded memory; latencies always
 * go into an HdrHistogram as well.
 */
final class ModeTrace {
    static final byte OK = 0;
    static final byte FILTERED = 1;
    /** Codes from here on are errors: {@code ERROR + index into errorKinds()}. */
    static final byte ERROR = 2;
    private static final int MAX_KINDS = 100;

    private final String mode;
    private final int detailLimit;
    private IdColumn ids = new IdColumn();
    private final List<String> errorKinds = new ArrayList<>();
    /** Successful requests' latencies in microseconds. */
    private final Histogram latencies = new Histogram(3);

    private int size;
    private int[] index = new int[0];
    private double[] start = new double[0];
    private double[] end = new double[0];
    private double[] latency = new double[0];
    private double[] ttft = new double[0];
    private double[] waitMs = new double[0];
    private int[] lane = new int[0];
    private int[] attempts = new int[0];
    private int[] rateLimited = new int[0];
    private int[] promptTokens = new int[0];
    private int[] completionTokens = new int[0];
    private byte[] kind = new byte[0];
    /** Ok answers the model refused (its refusal text in place of an answer). */
    private boolean[] refused = new boolean[0];
    /** Each row's 429s by cause, or null for a row without any. */
    private ThrottleCounts[] throttled = new ThrottleCounts[0];
    private LaneDensity density;

    private long ran;
    private long ok;
    private long filtered;
    private long refusals;
    private long errors;
    private long notRun;
    private long retried;
    private int maxLane = -1;
    private double maxEnd;
    private boolean streamed;
    /** Added to offsets after a resume record: each session's clock starts at zero. */
    private double shift;
    /** Changes of the adaptive concurrency limit, in file order (each mode's are written in time order). */
    private final List<LimitChange> limits = new ArrayList<>();

    ModeTrace(String mode, int detailLimit) {
        this.mode = mode;
        this.detailLimit = detailLimit;
    }

    void add(RequestResult r) {
        if (!r.ran()) {
            notRun++;
            return;
        }
        double startMs = ms(r.times().startOffsetNanos()) + shift;
        double endMs = Math.max(startMs, ms(r.times().endOffsetNanos()) + shift);
        double latencyMs = ms(r.times().latencyNanos());
        double ttftMs = r.stream() == null ? Double.NaN : ms(r.stream().firstContentNanos());
        byte code = code(r);
        ran++;
        if (code == OK) ok++;
        else if (code == FILTERED) filtered++;
        else errors++;
        if (code == OK && r.reply().refused()) refusals++;
        if (r.attempts().count() > 1) retried++;
        if (code < ERROR && latencyMs >= 0) latencies.recordValue(Math.round(latencyMs * 1000));
        if (!Double.isNaN(ttftMs)) streamed = true;
        maxLane = Math.max(maxLane, r.lane());
        maxEnd = Math.max(maxEnd, endMs);
        if (density != null) {
            density.add(r.lane(), startMs, endMs, code >= ERROR);
            return;
        }
        if (size == detailLimit) {
            foldIntoDensity();
            density.add(r.lane(), startMs, endMs, code >= ERROR);
            return;
        }
        if (size == start.length) grow();
        index[size] = r.index();
        ids.add(r.promptId() == null ? "" : r.promptId());
        start[size] = startMs;
        end[size] = endMs;
        latency[size] = latencyMs;
        ttft[size] = ttftMs;
        waitMs[size] = ms(r.attempts().waitNanos());
        lane[size] = r.lane();
        attempts[size] = r.attempts().count();
        rateLimited[size] = r.attempts().rateLimited();
        promptTokens[size] = r.usage() == null ? -1 : r.usage().promptTokens();
        completionTokens[size] = r.usage() == null ? -1 : r.usage().completionTokens();
        kind[size] = code;
        refused[size] = r.reply().refused();
        ThrottleCounts causes = r.attempts().throttled();
        throttled[size] = causes.total() == 0 ? null : causes;
        size++;
    }

    /** Nanoseconds as milliseconds: the file's microsecond values come back exactly. */
    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private byte code(RequestResult r) {
        if (r.status() == RequestStatus.OK) return OK;
        if (r.status() == RequestStatus.FILTERED) return FILTERED;
        String kindName = r.error() == null ? "error" : r.error().kind();
        int at = errorKinds.indexOf(kindName);
        if (at < 0 && errorKinds.size() < MAX_KINDS) {
            errorKinds.add(kindName);
            at = errorKinds.size() - 1;
        }
        if (at < 0) at = errorKinds.size() - 1;
        return (byte) (ERROR + at);
    }

    private void grow() {
        int capacity = Math.max(256, start.length * 2);
        index = Arrays.copyOf(index, capacity);
        start = Arrays.copyOf(start, capacity);
        end = Arrays.copyOf(end, capacity);
        latency = Arrays.copyOf(latency, capacity);
        ttft = Arrays.copyOf(ttft, capacity);
        waitMs = Arrays.copyOf(waitMs, capacity);
        lane = Arrays.copyOf(lane, capacity);
        attempts = Arrays.copyOf(attempts, capacity);
        rateLimited = Arrays.copyOf(rateLimited, capacity);
        promptTokens = Arrays.copyOf(promptTokens, capacity);
        completionTokens = Arrays.copyOf(completionTokens, capacity);
        kind = Arrays.copyOf(kind, capacity);
        refused = Arrays.copyOf(refused, capacity);
        throttled = Arrays.copyOf(throttled, capacity);
    }

    private void foldIntoDensity() {
        density = new LaneDensity(maxEnd * 1.5);
        for (int i = 0; i < size; i++) density.add(lane[i], start[i], end[i], kind[i] >= ERROR);
        size = 0;
        ids = new IdColumn();
        index = new int[0];
        start = end = latency = ttft = waitMs = new double[0];
        lane = attempts = rateLimited = promptTokens = completionTokens = new int[0];
        kind = new byte[0];
        refused = new boolean[0];
        throttled = new ThrottleCounts[0];
    }

    /** A {@code limit} record: the adaptive limit became {@code limit} at {@code offsetMs} of this session. */
    void limit(double offsetMs, int limit, String reason) {
        limits.add(new LimitChange(offsetMs + shift, limit, reason));
    }

    /** The adaptive limit's changes on the chart's clock; empty when the run did not adapt. */
    List<LimitChange> limits() {
        return limits;
    }

    /** A resume record: what follows was timed on a fresh clock, so it is drawn after what came before. */
    void resumed() {
        shift = maxEnd > 0 ? maxEnd + Math.max(1, maxEnd * 0.01) : 0;
    }

    String mode() {
        return mode;
    }

    /** True when every request is kept as a row; false when the run was folded into bins. */
    boolean detailed() {
        return density == null;
    }

    LaneDensity density() {
        return density;
    }

    /** Rows kept (0 once folded into bins). */
    int size() {
        return size;
    }

    int index(int row) { return index[row]; }
    String id(int row) { return ids.get(row); }
    IdColumn ids() { return ids; }
    double start(int row) { return start[row]; }
    double end(int row) { return end[row]; }
    double latency(int row) { return latency[row]; }
    double ttft(int row) { return ttft[row]; }
    double waitMs(int row) { return waitMs[row]; }
    int lane(int row) { return lane[row]; }
    int attempts(int row) { return attempts[row]; }
    int rateLimited(int row) { return rateLimited[row]; }
    int promptTokens(int row) { return promptTokens[row]; }
    int completionTokens(int row) { return completionTokens[row]; }
    byte kind(int row) { return kind[row]; }

    /**
     * The hover text of one request's bar: the prompt id first, then its figures, a line per part of the
     * record (a new per-request figure shown on the page is a column here and a line here).
     */
    String hoverText(int row) {
        StringBuilder tip = new StringBuilder(id(row)).append(" — ").append(kindName(kind(row)));
        if (refused[row]) tip.append(" (refused by the model)");
        tip.append("\nlatency ").append(Markup.duration(latency(row)));
        double busy = end(row) - start(row);
        if (Math.abs(busy - latency(row)) >= 1) tip.append(" · worker busy ").append(Markup.duration(busy));
        if (!Double.isNaN(ttft(row))) tip.append(" · TTFT ").append(Markup.duration(ttft(row)));
        if (completionTokens(row) >= 0) {
            tip.append("\ntokens ").append(promptTokens(row)).append(" in, ")
                    .append(completionTokens(row)).append(" out");
        }
        tip.append("\nworker ").append(lane(row)).append(" · ").append(Markup.duration(start(row)))
                .append(" → ").append(Markup.duration(end(row)));
        if (attempts(row) > 1) {
            tip.append('\n').append(attempts(row)).append(" attempts");
            if (rateLimited(row) > 0) {
                tip.append(" (").append(rateLimited(row)).append(" answered 429").append(causes(throttled[row]))
                        .append(')');
            }
            if (waitMs(row) > 0) tip.append(", waited ").append(Markup.duration(waitMs(row)));
        }
        return tip.toString();
    }

    /** ": 2 token_rate, 1 capacity" for 429s whose causes were told, "" when none was (or all are unknown). */
    static String causes(ThrottleCounts counts) {
        if (counts == null || counts.total() == counts.count(ThrottleCause.UNKNOWN)) return "";
        StringBuilder text = new StringBuilder(": ");
        counts.byCause().forEach((cause, n) -> text.append(text.length() > 2 ? ", " : "").append(n).append(' ')
                .append(cause.wireName()));
        return text.toString();
    }

    /**
     * How long after its start the final attempt was sent: the part before is earlier attempts and
     * back-off. Closed-loop latency is the final attempt's, so the gap is exact there; open-loop latency
     * counts from the scheduled time (it is longer than the bar), so the waits stand in for the gap.
     */
    double finalSendOffset(int row) {
        double busy = end[row] - start[row];
        boolean openLoop = latency[row] > busy + 0.5;
        if (openLoop) return attempts[row] > 1 ? Math.min(busy, waitMs[row]) : 0;
        return Math.max(0, busy - latency[row]);
    }

    /** The retried part of the bar (earlier attempts and waits), 0 when the first attempt succeeded. */
    double retryPart(int row) {
        return attempts[row] > 1 ? finalSendOffset(row) : 0;
    }

    String kindName(byte code) {
        if (code == OK) return "ok";
        if (code == FILTERED) return "filtered";
        return errorKinds.get(code - ERROR);
    }

    List<String> errorKinds() {
        return errorKinds;
    }

    /** Rows ordered by prompt index (then by arrival): the order ids run in. */
    int[] rowsByIndex() {
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) keys[i] = ((long) index[i] << 32) | i;
        Arrays.sort(keys);
        int[] rows = new int[size];
        for (int i = 0; i < size; i++) rows[i] = (int) keys[i];
        return rows;
    }

    Histogram latencies() {
        return latencies;
    }

    long ran() { return ran; }
    long ok() { return ok; }
    long filtered() { return filtered; }
    long refusals() { return refusals; }
    long errors() { return errors; }
    long notRun() { return notRun; }
    long retried() { return retried; }
    boolean streamed() { return streamed; }
    double maxEnd() { return maxEnd; }

    /** Workers seen: one more than the highest lane. */
    int lanesSeen() {
        return maxLane + 1;
    }
}
