package dev.promptbench.report.html;

import dev.promptbench.results.BatchPartInfo;
import dev.promptbench.results.RecordHandler;
import dev.promptbench.results.ResultsFileException;
import dev.promptbench.results.ResultsReader;
import dev.promptbench.results.ResumeMark;
import dev.promptbench.results.RunHeader;
import dev.promptbench.results.RunKind;
import dev.promptbench.results.SweepMark;
import dev.promptbench.results.request.RequestResult;
import dev.promptbench.stats.ModeSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the charts need from a results file, gathered in one streaming pass of {@link ResultsReader}:
 * each request record folded into its mode's columns and dropped, a sweep's summaries by step. The
 * figures of the comparison table come from the report, not from here.
 */
final class ResultsScan implements RecordHandler {
    /** Rows kept per mode before the timeline is aggregated into bins. */
    static final int DETAIL_LIMIT = 250_000;

    private final int detailLimit;
    private RunHeader header;
    private final Map<String, ModeTrace> traces = new LinkedHashMap<>();
    private int repeats;
    private long warmups;
    private boolean summarised;
    private boolean resumed;
    /** True for a sweep's file: its summaries belong to steps, and its requests are not charted per mode. */
    private boolean sweep;
    private final List<SweptStep> steps = new ArrayList<>();
    private List<BatchPartInfo> batchParts;

    private ResultsScan(int detailLimit) {
        this.detailLimit = detailLimit;
    }

    /** Reads {@code file}, keeping up to {@link #DETAIL_LIMIT} requests per mode as rows. */
    static ScannedRun read(Path file) throws IOException, ResultsFileException {
        return read(file, DETAIL_LIMIT);
    }

    /** Reads {@code file}, keeping up to {@code detailLimit} requests per mode as rows. */
    static ScannedRun read(Path file, int detailLimit) throws IOException, ResultsFileException {
        ResultsScan scan = new ResultsScan(detailLimit);
        ResultsReader.read(file, scan);
        Path name = file.getFileName();
        return new ScannedRun(name == null ? file.toString() : name.toString(), scan.header,
                scan.sweep ? List.of() : List.copyOf(scan.traces.values()), Math.max(1, scan.repeats), scan.warmups,
                scan.resumed, scan.summarised, scan.sweep ? List.copyOf(scan.steps) : null, scan.batchParts);
    }

    @Override
    public void header(RunHeader h) {
        header = h;
        sweep = h.config() != null && h.config().mode() == RunKind.SWEEP;
    }

    @Override
    public void batchParts(List<BatchPartInfo> parts) {
        batchParts = parts;
    }

    @Override
    public void sweepStep(SweepMark step) {
        sweep = true;
        steps.add(new SweptStep(step.threads()));
    }

    @Override
    public void summary(ModeSummary s) {
        summarised = true;
        repeats = Math.max(repeats, s.repeat() + 1);
        if (sweep) {
            sweepSummary(s);
        } else {
            trace(s.mode().wireName());
        }
    }

    @Override
    public void limit(dev.promptbench.results.LimitChange change) {
        if (change.repeat() == 0) trace(change.mode().wireName()).limit(change.offsetMs(), change.limit(), change.reason());
    }

    @Override
    public void resume(ResumeMark resume) {
        resumed = true;
        traces.values().forEach(ModeTrace::resumed);
    }

    @Override
    public void request(RequestResult r) {
        // A sweep's steps share one mode name and restart their repeats: folding them into one trace would
        // draw unrelated steps as one run, so the page charts the steps' summaries instead.
        // A Batch API line has no times to chart: the page draws the batch's parts instead.
        if (sweep || r.times() == null) return;
        repeats = Math.max(repeats, r.repeat() + 1);
        if (r.warmup()) {
            warmups++;
            return;
        }
        ModeTrace trace = trace(r.mode().wireName());
        if (r.repeat() == 0) trace.add(r);
    }

    private ModeTrace trace(String mode) {
        return traces.computeIfAbsent(mode, m -> new ModeTrace(m, detailLimit));
    }

    private void sweepSummary(ModeSummary s) {
        // A summary before any marker (a file cut oddly) still gets a step, named by its own thread count.
        if (steps.isEmpty() || steps.get(steps.size() - 1).threads() != s.threads()) {
            steps.add(new SweptStep(s.threads()));
        }
        steps.get(steps.size() - 1).add(s);
    }
}
