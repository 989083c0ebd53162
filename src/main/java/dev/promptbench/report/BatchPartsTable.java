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

    /**
     * Times count from the submission's start (the run header's), else from the first part's creation. A
     * table wider than {@code width} stacks each part's figures under it instead.
     */
    static void write(BatchParts batch, int width, PrintWriter out) {
        List<BatchPartInfo> parts = batch.parts();
        if (parts.isEmpty()) return;
        Instant origin = batch.submittedAt() != null ? batch.submittedAt() : parts.stream().map(p -> p.times().createdAt())
                .filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
        int idWidth = Math.max(5, parts.stream().map(BatchPartInfo::batchId).filter(Objects::nonNull)
                .mapToInt(String::length).max().orElse(1));
        String row = "%-5s %-6s %-" + idWidth + "s %-11s %-8s %-10s %-7s %-9s %-12s %-11s %s";
        out.println();
        String heading = String.format(row, "part", "round", "batch", "status", "prompts", "completed", "failed",
                "created", "in_progress", "finalizing", "ended");
        boolean stacked = heading.length() > width;
        if (!stacked) out.println(heading);
        for (BatchPartInfo p : parts) {
            String batchId = p.batchId() == null ? "-" : p.batchId();
            String status = p.status() == null ? "-" : p.status();
            if (stacked) {
                out.println("part " + p.number() + " (round " + p.round() + ") " + status);
                out.println("  batch " + batchId);
                out.println("  prompts " + p.prompts() + " · completed " + orDash(p.counts().completed()) + " · failed "
                        + orDash(p.counts().failed()));
                out.println("  created " + offset(origin, p.times().createdAt()) + " · in_progress "
                        + offset(origin, p.times().inProgressAt()));
                out.println("  finalizing " + offset(origin, p.times().finalizingAt()) + " · ended "
                        + offset(origin, p.times().endedAt()));
                continue;
            }
            out.println(String.format(row, p.number(), p.round(), batchId, status, p.prompts(), orDash(p.counts().completed()),
                    orDash(p.counts().failed()), offset(origin, p.times().createdAt()), offset(origin, p.times().inProgressAt()),
                    offset(origin, p.times().finalizingAt()), offset(origin, p.times().endedAt())).stripTrailing());
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
