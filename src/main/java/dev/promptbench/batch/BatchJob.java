package dev.promptbench.batch;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.results.RequestCounts;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch object as the service last described it, read defensively: Azure's capitalised statuses,
 * {@code ""} for "no file", {@code errors.data} as a list or a single object, {@code line} as a number or
 * a string, and any field missing or null.
 *
 * Checked against openai-python's {@code types/batch.py} (the OpenAPI spec's Batch object: request_counts
 * total/completed/failed, errors.data of code/message/param/line, the nine timestamps, model and usage) and
 * Azure's 2024-10-21 REST spec (errors.data as one object, line as a string).
 *
 * @param files the batch's input, output and error files (unwrapped in the state file: its keys stay flat)
 * @param times epoch seconds of each status change the service reported
 * @param model the model that ran the batch, or null when the service did not say
 * @param usage the batch's token totals, or null when the service did not report them
 */
public record BatchJob(String id, BatchStatus status, String rawStatus, @JsonUnwrapped Files files,
                       RequestCounts counts, List<BatchError> errors, BatchTimes times, String model, BatchUsage usage) {

    public BatchJob {
        errors = errors == null ? List.of() : List.copyOf(errors);
        counts = counts == null ? RequestCounts.UNKNOWN : counts;
        times = times == null ? BatchTimes.NONE : times;
        files = files == null ? Files.NONE : files;
    }

    /**
     * A batch's files, each null when there is none (yet).
     *
     * @param inputFileId  the uploaded input lines
     * @param outputFileId the answered lines
     * @param errorFileId  the lines that failed
     */
    public record Files(String inputFileId, String outputFileId, String errorFileId) {
        static final Files NONE = new Files(null, null, null);
    }

    /** Reads a batch object from the API. */
    public static BatchJob from(JsonNode node) {
        String raw = text(node.get("status"));
        JsonNode counts = node.path("request_counts");
        return new BatchJob(text(node.get("id")), BatchStatus.parse(raw), raw, new Files(text(node.get("input_file_id")),
                text(node.get("output_file_id")), text(node.get("error_file_id"))),
                new RequestCounts(integer(counts.get("total")), integer(counts.get("completed")),
                        integer(counts.get("failed"))),
                errors(node.get("errors")),
                new BatchTimes(epoch(node, "created_at"), epoch(node, "in_progress_at"), epoch(node, "finalizing_at"),
                        epoch(node, "completed_at"), epoch(node, "failed_at"), epoch(node, "expired_at"),
                        epoch(node, "cancelling_at"), epoch(node, "cancelled_at"), epoch(node, "expires_at")),
                text(node.get("model")), usage(node.get("usage")));
    }

    private static BatchUsage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) return null;
        return new BatchUsage(count(usage.get("input_tokens")), count(usage.get("output_tokens")),
                count(usage.get("total_tokens")));
    }

    private static Long count(JsonNode node) {
        return node != null && node.isIntegralNumber() ? node.longValue() : null;
    }

    /** True when some entry of the errors list carries {@code code}. */
    public boolean hasError(String code) {
        return errors.stream().anyMatch(e -> code.equalsIgnoreCase(e.code()));
    }

    private static List<BatchError> errors(JsonNode errors) {
        List<BatchError> list = new ArrayList<>();
        if (errors == null || errors.isNull()) return list;
        JsonNode data = errors.has("data") ? errors.get("data") : errors;
        if (data.isArray()) {
            data.forEach(entry -> list.add(error(entry)));
        } else if (data.isObject()) {
            list.add(error(data));
        }
        return list;
    }

    private static BatchError error(JsonNode entry) {
        return new BatchError(text(entry.get("code")), text(entry.get("message")), text(entry.get("param")),
                integer(entry.get("line")));
    }

    /** A string, with {@code ""} and null read as absent. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) return null;
        String text = node.asText();
        return text.isBlank() ? null : text;
    }

    /** A number given as a number or a numeric string; anything else is absent. */
    static Integer integer(JsonNode node) {
        if (node == null || node.isNull()) return null;
        if (node.canConvertToInt() && node.isNumber()) return node.intValue();
        try {
            return node.isTextual() ? Integer.valueOf(node.asText().strip()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long epoch(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (value.isNumber()) return value.longValue() > 0 ? value.longValue() : null;
        try {
            return value.isTextual() ? Long.valueOf(value.asText().strip()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
