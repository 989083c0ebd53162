package dev.promptbench.report.html;

import dev.promptbench.results.BatchPartInfo;
import dev.promptbench.results.RunHeader;
import java.util.List;

/**
 * What one pass over a results file gathered for the HTML report's charts.
 *
 * @param fileName  the results file's name (no folders: the report may be shared)
 * @param header    the {@code run} record
 * @param traces    each mode's first repeat, in the order the modes first appear
 * @param repeats   the highest repeat number seen plus one
 * @param warmups   warm-up records left out of the charts
 * @param resumed   true when the file holds a {@code resume} record
 * @param summarised true when the file holds a {@code summary} record (the run finished a mode)
 * @param sweep     a sweep's steps in file order (and then no traces), or null when the file is not a sweep
 * @param batchParts the parts of a Batch API run (and then no traces), or null when the file is not one
 */
record ScannedRun(String fileName, RunHeader header, List<ModeTrace> traces, int repeats, long warmups,
                  boolean resumed, boolean summarised, List<SweptStep> sweep, List<BatchPartInfo> batchParts) {

    boolean isBatch() {
        return batchParts != null;
    }

    boolean isSweep() {
        return sweep != null;
    }
}
