package dev.promptbench.report;

import dev.promptbench.results.BatchPartInfo;
import dev.promptbench.results.BatchSummary;
import dev.promptbench.results.RecordHandler;
import dev.promptbench.results.ResultsFileException;
import dev.promptbench.results.ResultsReader;
import dev.promptbench.results.ResumeMark;
import dev.promptbench.results.RunHeader;
import dev.promptbench.results.request.Mode;
import dev.promptbench.results.request.RequestKey;
import dev.promptbench.results.request.RequestResult;
import dev.promptbench.stats.ModeStatistics;
import dev.promptbench.stats.ModeSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report of a run rebuilt from its results file alone: the records, typed by
 * {@link ResultsReader}, through the one aggregator ({@link ModeStatistics}) into a {@link RunReport}.
 *
 * <p>A complete run is read from its {@code run} header and its {@code summary} records: percentiles
 * come from the encoded histograms and the wall time from {@code wall_ns}, so {@link JsonReporter}
 * prints exactly what the run printed; request records are only looked at, never kept (memory does not
 * grow with the number of requests). Warm-up records are left out.
 *
 * <p>Where summaries cannot be trusted the figures are recomputed from the request records, and a
 * notice says so: for a mode (repeat) with no summary (the run was stopped before it finished), and for
 * every mode of a resumed file, whose later summaries cover only the resumed part. Then the last record
 * of each prompt counts, the wall time adds up the parts' walls (each part's summary wall when it has
 * one, else first send to last answer), and the file is read up to three times, keeping one number per
 * prompt for the lower bound and for "last record wins".
 */
public final class SavedRun {
    private final Path file;
    private final List<String> notices = new ArrayList<>();
    private RunHeader header;
    private int segment;
    private final Set<Mode> modeOrder = new LinkedHashSet<>();
    private final Map<Key, ModeSummary> summaries = new LinkedHashMap<>();
    private final Map<Key, Map<Integer, Span>> spans = new LinkedHashMap<>();
    private final Map<Key, Map<Integer, Long>> summaryWalls = new HashMap<>();
    private final Map<Mode, ModeSummary> lastSummaryOfMode = new HashMap<>();
    private List<BatchPartInfo> batchParts;
    /** A Batch API file's figures, counted in the first pass: it holds one record per prompt, never resumed. */
    private ModeStatistics batchStatistics;
    /** The batch's wall from its summary record, or null when the file has none (its writer was stopped). */
    private Long batchWallNanos;

    /** A mode and a repeat: what one summary record describes. */
    private record Key(Mode mode, int repeat) {
        static Key of(RequestResult r) {
            return new Key(r.mode(), r.repeat());
        }
    }

    /** First and last send, last answer, of one part of one key, in nanoseconds from that part's start. */
    private static final class Span {
        long firstStart = Long.MAX_VALUE;
        long lastStart = Long.MIN_VALUE;
        long lastEnd = Long.MIN_VALUE;
    }

    private SavedRun(Path file) {
        this.file = file;
    }

    /** Reads a results file; the exception's message is one line naming the file (and line) for people. */
    public static RebuiltReport read(Path file) throws IOException, ResultsFileException {
        return new SavedRun(file).rebuild();
    }

    private RebuiltReport rebuild() throws IOException, ResultsFileException {
        ResultsReader.End end = ResultsReader.read(file, new FirstPass());
        if (header.endpoints().isEmpty()) {
            throw new ResultsFileException(file + ": the run header names no endpoint; not a complete results file");
        }
        if (batchStatistics != null) {
            // Its wall time is the summary's (submission to the last part's end): no record has a time.
            if (batchWallNanos == null) batchWallNanos = wallFromParts();
            summaries.put(new Key(Mode.BATCH, 0), batchStatistics.finish(batchWallNanos, 0));
        }
        Set<Key> recompute = keysToRecompute();
        if (!recompute.isEmpty()) recomputeFromRequests(recompute);
        if (modeOrder.isEmpty()) {
            throw new ResultsFileException(file + ": no finished request in this results file, nothing to report");
        }
        if (end.cutLine() > 0) {
            notices.add(file + ":" + end.cutLine() + ": last line cut short (the run was killed while writing it); "
                    + "ignored");
        }
        if (!end.unknownModes().isEmpty()) {
            notices.add("records of modes this version does not know were ignored: "
                    + String.join(", ", end.unknownModes()));
        }
        RunReport report = report();
        return new RebuiltReport(batchParts == null ? report
                : report.withBatch(new BatchParts(batchParts, header.startedAt())), notices, header);
    }

    /** The first pass: header, summaries, and cheap per-part spans; nothing per request is kept. */
    private final class FirstPass implements RecordHandler {
        @Override
        public void header(RunHeader h) {
            header = h;
        }

        @Override
        public void resume(ResumeMark resume) {
            segment++;
        }

        @Override
        public void request(RequestResult r) {
            if (r.warmup()) return;
            Key key = Key.of(r);
            modeOrder.add(key.mode());
            if (batchStatistics != null && key.mode() == Mode.BATCH) {
                batchStatistics.accept(r);
                return;
            }
            Span span = spans.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(segment, s -> new Span());
            // A Batch API line has no times: the batch's wall comes from its summary record.
            if (!r.ran() || r.times() == null) return;
            long start = r.times().startOffsetNanos();
            span.firstStart = Math.min(span.firstStart, start);
            span.lastStart = Math.max(span.lastStart, start);
            span.lastEnd = Math.max(span.lastEnd, r.times().endOffsetNanos());
        }

        @Override
        public void summary(ModeSummary summary) {
            Key key = new Key(summary.mode(), summary.repeat());
            modeOrder.add(key.mode());
            summaries.put(key, summary);
            lastSummaryOfMode.put(key.mode(), summary);
            summaryWalls.computeIfAbsent(key, k -> new HashMap<>()).put(segment, Math.round(summary.wallMs() * 1e6));
        }

        @Override
        public void batchParts(List<BatchPartInfo> parts) {
            batchParts = parts;
            batchStatistics = new ModeStatistics(Mode.BATCH, 0, 1, null);
        }

        @Override
        public void batchSummary(BatchSummary summary) {
            modeOrder.add(Mode.BATCH);
            if (summary.wallMs() != null) batchWallNanos = Math.round(summary.wallMs() * 1e6);
        }

        @Override
        public void notice(String line) {
            notices.add(line);
        }
    }

    /**
     * A batch file without its summary record: the wall from the submission to the last part's end, as the
     * summary has it, from the header's parts (every part has ended before a fetch writes its file).
     */
    private long wallFromParts() {
        Instant last = batchParts.stream().map(p -> p.times().endedAt()).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        if (last == null || header.startedAt() == null) {
            notices.add(file + ": no summary record and no part's end: the batch's wall time is not known (shown "
                    + "as 0)");
            return 0;
        }
        notices.add(file + ": no summary record (the fetch was stopped while writing): the wall time is taken "
                + "from the parts' times");
        return Math.max(0, java.time.Duration.between(header.startedAt(), last).toNanos());
    }

    private Set<Key> keysToRecompute() {
        Set<Key> recompute = new LinkedHashSet<>();
        if (segment > 0) {
            recompute.addAll(spans.keySet());
            if (!recompute.isEmpty()) {
                notices.add(file + " was resumed: its summaries cover only the resumed part, so every figure is "
                        + "recomputed from the request records (the last record of each prompt counts, the wall "
                        + "time adds up the parts, times at the file's microsecond resolution)");
            }
            return recompute;
        }
        List<String> missing = new ArrayList<>();
        for (Key key : spans.keySet()) {
            if (summaries.containsKey(key)) continue;
            recompute.add(key);
            missing.add(key.mode().wireName() + (key.repeat() > 0 ? " (repeat " + (key.repeat() + 1) + ")" : ""));
        }
        if (!missing.isEmpty()) {
            notices.add("no summary record for " + String.join(", ", missing) + " (the run was stopped before "
                    + (missing.size() == 1 ? "it" : "they") + " finished): figures recomputed from the request records");
        }
        return recompute;
    }

    /** Two more passes: find each prompt's last record, then count those records. */
    private void recomputeFromRequests(Set<Key> keys) throws IOException, ResultsFileException {
        Map<Key, int[]> lastRecord = new HashMap<>();
        ResultsReader.read(file, new CountingPass(keys) {
            @Override
            void counted(Key key, RequestResult r, int ordinal) {
                int[] last = lastRecord.getOrDefault(key, new int[0]);
                if (r.index() >= last.length) last = Arrays.copyOf(last, Math.max(r.index() + 1, last.length * 2));
                last[r.index()] = ordinal;
                lastRecord.put(key, last);
            }
        });
        Map<Key, ModeStatistics> statistics = new HashMap<>();
        for (Key key : keys) {
            ModeSummary known = lastSummaryOfMode.get(key.mode());
            // Open loop is known from a summary's rate; a parallel mode without one is taken as closed loop.
            statistics.put(key, new ModeStatistics(key.mode(), key.repeat(), threads(key.mode()),
                    known == null ? null : known.rate()));
        }
        ResultsReader.read(file, new CountingPass(keys) {
            @Override
            void counted(Key key, RequestResult r, int ordinal) {
                int[] last = lastRecord.get(key);
                if (r.index() < last.length && last[r.index()] == ordinal) statistics.get(key).accept(r);
            }
        });
        countUnrecorded(keys, lastRecord, statistics);
        for (Key key : keys) {
            long wallNanos = 0;
            double sendSpanS = 0;
            Map<Integer, Long> walls = summaryWalls.getOrDefault(key, Map.of());
            for (Map.Entry<Integer, Span> part : spans.get(key).entrySet()) {
                Span span = part.getValue();
                boolean sent = span.lastEnd > Long.MIN_VALUE;
                if (sent) sendSpanS += (span.lastStart - span.firstStart) / 1e9;
                if (walls.containsKey(part.getKey())) wallNanos += walls.get(part.getKey());
                else if (sent) wallNanos += span.lastEnd - span.firstStart;
            }
            summaries.put(key, statistics.get(key).finish(wallNanos, sendSpanS));
        }
    }

    /**
     * A run killed outright (no Ctrl-C, which records the rest as not run) leaves prompts the header counts
     * with no record at all: they are counted as not run, so no figure reads as if part of a run were all of it.
     */
    private void countUnrecorded(Set<Key> keys, Map<Key, int[]> lastRecord, Map<Key, ModeStatistics> statistics) {
        for (Key key : keys) {
            int[] last = lastRecord.getOrDefault(key, new int[0]);
            int unrecorded = 0;
            for (int index = 0; index < header.prompts().count(); index++) {
                if (index < last.length && last[index] > 0) continue;
                statistics.get(key).accept(RequestResult.notRun(
                        new RequestKey(key.mode(), key.repeat(), index, null, false), null));
                unrecorded++;
            }
            if (unrecorded > 0) {
                notices.add(file + ": " + unrecorded + " prompts of " + key.mode().wireName()
                        + (key.repeat() > 0 ? " (repeat " + (key.repeat() + 1) + ")" : "")
                        + " have no record (the run was killed): counted as not run; --resume finishes them");
            }
        }
    }

    /** A pass over the request records of some keys, numbering them in file order. */
    private abstract static class CountingPass implements RecordHandler {
        private final Set<Key> keys;
        private int ordinal;

        CountingPass(Set<Key> keys) {
            this.keys = keys;
        }

        @Override
        public final void request(RequestResult r) {
            ordinal++;
            Key key = Key.of(r);
            if (r.warmup() || r.index() < 0 || !keys.contains(key)) return;
            counted(key, r, ordinal);
        }

        abstract void counted(Key key, RequestResult r, int ordinal);
    }

    private int threads(Mode mode) {
        if (mode == Mode.SEQUENTIAL) return 1;
        ModeSummary summary = lastSummaryOfMode.get(mode);
        return summary != null ? summary.threads() : Math.max(1, header.config().threads());
    }

    private RunReport report() {
        Map<Mode, List<ModeSummary>> byMode = new LinkedHashMap<>();
        for (Mode mode : modeOrder) byMode.put(mode, new ArrayList<>());
        summaries.entrySet().stream()
                .sorted((a, b) -> Integer.compare(a.getKey().repeat(), b.getKey().repeat()))
                .forEach(e -> byMode.get(e.getKey().mode()).add(e.getValue()));
        byMode.values().removeIf(List::isEmpty);
        return RunReport.of(header.version(), header.simulated(), header.endpoints(), header.config(),
                header.prompts().count(), file.toString(), byMode);
    }
}
