package dev.promptbench.sim;

import dev.promptbench.client.ApiStyle;
import java.util.Optional;

/**
 * Which of the simulator's Files and Batch API URLs a request came to: Azure's v1 form
 * ({@code /openai/v1/files}), Azure's api-version form ({@code /openai/files?api-version=...}), OpenAI's
 * ({@code /v1/files}) and a base URL without {@code /v1} ({@code /files}), likewise for batches.
 *
 * @param style the API convention: {@link ApiStyle#AZURE_DEPLOYMENT} stands for the api-version form
 * @param kind  which resource and action
 * @param id    the file or batch id in the path, or null
 */
record BatchRoute(ApiStyle style, Kind kind, String id) {

    /** The resources and actions served. */
    enum Kind {
        /** {@code /files}: upload (POST) or list (GET). */
        FILES,
        /** {@code /files/{id}}: get or delete. */
        FILE,
        /** {@code /files/{id}/content}: download. */
        FILE_CONTENT,
        /** {@code /batches}: create (POST) or list (GET). */
        BATCHES,
        /** {@code /batches/{id}}: get. */
        BATCH,
        /** {@code /batches/{id}/cancel}: cancel (POST). */
        BATCH_CANCEL
    }

    /** The route serving {@code path}, or empty if it is not a Files or Batch API path. */
    static Optional<BatchRoute> match(String path) {
        if (path == null) {
            return Optional.empty();
        }
        if (path.startsWith("/openai/v1/")) {
            return resource(ApiStyle.AZURE_V1, path.substring("/openai/v1".length()));
        }
        if (path.startsWith("/openai/")) {
            return resource(ApiStyle.AZURE_DEPLOYMENT, path.substring("/openai".length()));
        }
        if (path.startsWith("/v1/")) {
            return resource(ApiStyle.OPENAI, path.substring("/v1".length()));
        }
        return resource(ApiStyle.OPENAI, path);
    }

    /** True on Azure's routes, whose answers and batch line URLs differ from OpenAI's. */
    boolean azure() {
        return style.isAzure();
    }

    private static Optional<BatchRoute> resource(ApiStyle style, String rest) {
        String[] parts = rest.split("/", -1); // "", "files", id, "content"
        if (parts.length < 2 || !parts[0].isEmpty()) {
            return Optional.empty();
        }
        boolean files = parts[1].equals("files");
        if (!files && !parts[1].equals("batches")) {
            return Optional.empty();
        }
        if (parts.length == 2) {
            return Optional.of(new BatchRoute(style, files ? Kind.FILES : Kind.BATCHES, null));
        }
        String id = parts[2];
        if (id.isEmpty()) {
            return Optional.empty();
        }
        if (parts.length == 3) {
            return Optional.of(new BatchRoute(style, files ? Kind.FILE : Kind.BATCH, id));
        }
        if (parts.length == 4 && files && parts[3].equals("content")) {
            return Optional.of(new BatchRoute(style, Kind.FILE_CONTENT, id));
        }
        if (parts.length == 4 && !files && parts[3].equals("cancel")) {
            return Optional.of(new BatchRoute(style, Kind.BATCH_CANCEL, id));
        }
        return Optional.empty();
    }
}
