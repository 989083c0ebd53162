package dev.promptbench.batch;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;

/** {@code batch status --format json}: a submission and each of its parts as one JSON document. */
public final class BatchStatusJson {
    private BatchStatusJson() {}

    /** Writes the document, pretty-printed, on {@code out}. */
    public static void write(BatchState state, PrintWriter out) {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode root = mapper.createObjectNode();
        root.put("submitted_at", state.submittedAt());
        root.put("prompt_file", state.promptFile());
        root.put("prompts", state.prompts());
        root.put("endpoint", state.endpointUrl());
        root.put("ended", state.ended());
        root.put("retry_rounds", state.retryRounds());
        ArrayNode parts = root.putArray("parts");
        for (BatchPart part : state.parts()) {
            ObjectNode p = parts.addObject();
            p.put("part", part.number());
            p.put("round", part.round());
            p.put("batch_id", part.batchId());
            p.put("status", part.status().wireName());
            p.put("prompts", part.prompts());
            BatchJob job = part.job();
            p.put("completed", job == null ? null : job.counts().completed());
            p.put("failed", job == null ? null : job.counts().failed());
            p.put("created_at", job == null ? null : iso(job.times().createdAt()));
            p.put("ended_at", job == null ? null : iso(job.times().endedAt()));
            ArrayNode errors = p.putArray("errors");
            if (job != null) {
                job.errors().forEach(e -> errors.addObject().put("code", e.code()).put("message", e.message())
                        .put("line", e.line()));
            }
        }
        out.println(root.toPrettyString());
        out.flush();
    }

    private static String iso(Long epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds).toString();
    }
}
