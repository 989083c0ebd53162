package dev.promptbench.report;

import dev.promptbench.results.BatchPartInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The parts of a Batch API run under its table: each part's status, counts and the times of its
 * life from the submission (created, in progress, finalizing, ended); "-" where the service gave none.
 */
final class BatchPartsTable {
    private BatchPartsTable() {}

    /** Times count from the submission's start (the run header's), else from the first part's creation. */
    static void write(BatchParts batch, PrintWriter out) {
        List<BatchPartInfo> parts = batch.parts();
        if (parts.isEmpty()) return;
        Instant origin = batch.submittedAt() != null ? batch.submittedAt() : parts.stream().map(BatchPartInfo::createdAt)
                .filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
        int idWidth = Math.max(5, parts.stream().map(BatchPartInfo::batchId).filter(Objects::nonNull)
                .mapToInt(String::length).max().orElse(1));
        String row = "%-5s %-6s %-" + idWidth + "s %-11s %-8s %-10s %-7s %-9s %-12s %-11s %s%n";
        out.println();
        out.printf(row, "part", "round", "batch", "status", "prompts", "completed", "failed", "created",
                "in_progress", "finalizing", "ended");
        for (BatchPartInfo p : parts) {
            out.printf(row, p.number(), p.round(), p.batchId() == null ? "-" : p.batchId(),
                    p.status() == null ? "-" : p.status(), p.prompts(), orDash(p.completed()), orDash(p.failed()),
                    offset(origin, p.createdAt()), offset(origin, p.inProgressAt()), offset(origin, p.finalizingAt()),
                    offset(origin, p.endedAt()));
        }
        out.println("(times from the submission)");
        out.flush();
    }

    private static String orDash(Integer n) {
        return n == null ? "-" : n.toString();
    }

    private static String offset(Instant origin, Instant t) {
        if (t == null || origin == null) return "-";
        long s = Math.max(0, Duration.between(origin, t).toSeconds());
        return s >= 3600 ? String.format("+%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("+%dm%02ds", s / 60, s % 60) : "+" + s + "s";
    }
}
