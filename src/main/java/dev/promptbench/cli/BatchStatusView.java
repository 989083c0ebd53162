package dev.promptbench.cli;

import dev.promptbench.batch.BatchJob;
import dev.promptbench.batch.BatchPart;
import dev.promptbench.batch.BatchState;
import dev.promptbench.batch.BatchStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A submission's parts as a table (the JSON document is {@link dev.promptbench.batch.BatchStatusJson}), and the one-line progress of the whole. */
final class BatchStatusView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private BatchStatusView() {}

    static void table(BatchState state, PrintWriter out) {
        // Ids differ in length by service (OpenAI 38 characters, Azure's UUID form 42): the column fits the longest.
        int idWidth = state.parts().stream().map(BatchPart::batchId).filter(java.util.Objects::nonNull)
                .mapToInt(String::length).max().orElse(5);
        String row = "%-5s %-6s %-" + idWidth + "s %-12s %-13s %-7s %-21s %s%n";
        out.printf(row, "part", "round", "batch", "status", "done/total", "failed", "created", "ended");
        for (BatchPart part : state.parts()) {
            BatchJob job = part.job();
            Integer done = job == null ? null : job.counts().completed();
            Integer failed = job == null ? null : job.counts().failed();
            Integer total = job == null || job.counts().total() == null || job.counts().total() == 0
                    ? Integer.valueOf(part.prompts()) : job.counts().total();
            out.printf(row, part.number(), part.round(),
                    part.batchId() == null ? "-" : part.batchId(), part.status().wireName(),
                    (done == null ? "-" : done) + "/" + total, failed == null ? "-" : failed,
                    time(job == null ? null : job.times().createdAt()),
                    time(job == null ? null : job.times().endedAt()));
            if (job != null && part.status() == BatchStatus.FAILED) {
                job.errors().forEach(e -> out.println("      " + e.describe()));
            }
        }
        out.println(summary(state));
        out.flush();
    }

    /** "1,200 of 3,000 prompts done (40%), 3 failed · 2 of 3 parts ended". */
    static String summary(BatchState state) {
        long done = state.completed();
        long failed = state.failed();
        long ended = state.parts().stream().filter(p -> p.status().ended()).count();
        long sent = state.parts().stream().filter(p -> p.round() == 0).mapToLong(BatchPart::prompts).sum();
        return String.format("%,d of %,d prompts done (%d%%), %,d failed · %d of %d parts ended", done, sent,
                sent == 0 ? 0 : (int) (100 * (done + failed) / sent), failed, ended, state.parts().size());
    }

    private static String time(Long epochSeconds) {
        return epochSeconds == null ? "-" : TIME.format(Instant.ofEpochSecond(epochSeconds));
    }
}
