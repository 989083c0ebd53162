package dev.promptbench.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What one pass over a results file gathered for the HTML report.
 *
 * @param fileName  the results file's name (no folders: the report may be shared)
 * @param header    the {@code run} record
 * @param summaries every {@code summary} record, in file order (a later one for the same mode and
 *                  repeat replaces an earlier one)
 * @param traces    each mode's first repeat, in the order the modes first appear
 * @param repeats   the highest repeat number seen plus one
 * @param warmups   warm-up records left out of the charts
 * @param resumed   true when the file holds a {@code resume} record
 * @param sweep     a sweep's steps in file order (and then no traces), or null when the file is not a sweep
 */
record ScannedRun(String fileName, JsonNode header, List<JsonNode> summaries, List<ModeTrace> traces,
                         int repeats, long warmups, boolean resumed, List<SweptStep> sweep) {

    boolean isSweep() {
        return sweep != null;
    }
}
