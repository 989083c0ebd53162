package dev.promptbench.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A file object from the files API. Azure answers {@code pending} first and takes batches only on a
 * {@code processed} file; OpenAI answers {@code uploaded} (or nothing) and takes it at once.
 */
public record UploadedFile(String id, String status, String statusDetails) {

    public static UploadedFile from(JsonNode node) {
        return new UploadedFile(BatchJob.text(node.get("id")), BatchJob.text(node.get("status")),
                BatchJob.text(node.get("status_details")));
    }

    /** A batch may be created on it now. */
    public boolean ready() {
        return status == null || lower().equals("processed") || lower().equals("uploaded");
    }

    /** The service gave up on it. */
    public boolean failed() {
        return status != null && (lower().equals("error") || lower().equals("failed") || lower().equals("deleted"));
    }

    private String lower() {
        return status.toLowerCase(Locale.ROOT);
    }
}
