package dev.promptbench.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * One file of the simulated Files API: an upload or a batch's output or error file, kept on disk.
 *
 * @param id        the file id, {@code file-...}
 * @param filename  the name it was uploaded under (or given by the batch that wrote it)
 * @param purpose   {@code batch} for an upload, {@code batch_output} for a batch's output and errors
 * @param bytes     its size
 * @param createdAt epoch second it was stored
 * @param path      where its bytes are
 */
record StoredFile(String id, String filename, String purpose, long bytes, long createdAt, Path path) {

    /** The file object the services answer with. */
    ObjectNode json() {
        ObjectNode file = JsonNodeFactory.instance.objectNode()
                .put("id", id)
                .put("object", "file")
                .put("bytes", bytes)
                .put("created_at", createdAt)
                .put("filename", filename)
                .put("purpose", purpose)
                .put("status", "processed");
        file.putNull("status_details");
        return file;
    }
}
