package dev.promptbench.report;

import dev.promptbench.results.BatchPartInfo;
import java.time.Instant;
import java.util.List;

/**
 * The parts of a Batch API run, each with its timeline, as every output of its report shows them.
 *
 * @param submittedAt when the submission started, or null when the file does not say
 */
public record BatchParts(List<BatchPartInfo> parts, Instant submittedAt) {
    public BatchParts {
        parts = List.copyOf(parts);
    }
}
