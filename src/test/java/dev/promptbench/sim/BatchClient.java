package dev.promptbench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A small Files and Batch API client for the simulator's tests, on one of the three path families. */
final class BatchClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Simulator simulator;
    private final String prefix;
    private final String query;

    /**
     * @param prefix {@code /v1}, {@code /openai/v1} or {@code /openai}
     * @param query  appended to every path, e.g. {@code ?api-version=2024-10-21}, or ""
     */
    BatchClient(Simulator simulator, String prefix, String query) {
        this.simulator = simulator;
        this.prefix = prefix;
        this.query = query;
    }

    static BatchClient openAi(Simulator simulator) {
        return new BatchClient(simulator, "/v1", "");
    }

    static BatchClient azureV1(Simulator simulator) {
        return new BatchClient(simulator, "/openai/v1", "");
    }

    static BatchClient azureVersioned(Simulator simulator) {
        return new BatchClient(simulator, "/openai", "?api-version=2024-10-21");
    }

    /** The batch line url these paths expect. */
    String lineUrl() {
        return prefix.equals("/v1") ? "/v1/chat/completions" : "/chat/completions";
    }

    /** A JSONL batch input of {@code count} chat requests with custom ids p-1, p-2, ... */
    String input(int count) {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            jsonl.append("{\"custom_id\":\"p-").append(i).append("\",\"method\":\"POST\",\"url\":\"")
                    .append(lineUrl()).append("\",\"body\":{\"model\":\"gpt-batch\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"prompt ").append(i).append("\"}]}}\n");
        }
        return jsonl.toString();
    }

    HttpResponse<String> upload(String content, String purpose) throws Exception {
        String boundary = "----promptbench-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (purpose != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n"
                    + purpose + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\""
                + "\r\nContent-Type: application/jsonl\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri("/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Uploads {@code content} and returns the file id. */
    String uploadId(String content) throws Exception {
        HttpResponse<String> response = upload(content, "batch");
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(response.body());
        }
        return json(response).path("id").asText();
    }

    HttpResponse<String> create(String inputFileId) throws Exception {
        return post("/batches", "{\"input_file_id\":\"" + inputFileId + "\",\"endpoint\":\"" + lineUrl()
                + "\",\"completion_window\":\"24h\",\"metadata\":{\"run\":\"test\"}}");
    }

    /** Uploads {@code content}, creates a batch on it and returns the batch as created. */
    JsonNode createBatch(String content) throws Exception {
        HttpResponse<String> response = create(uploadId(content));
        if (response.statusCode() != 200) {
            throw new AssertionError(response.body());
        }
        return json(response);
    }

    /** Creates a batch, waits for its end and returns it as it is then. */
    JsonNode finishedBatch(String content) throws Exception {
        String id = createBatch(content).path("id").asText();
        if (!simulator.awaitBatch(id, java.time.Duration.ofSeconds(30))) {
            throw new AssertionError("batch " + id + " did not end");
        }
        return json(get("/batches/" + id));
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** The lines of a file's content; none for a null or empty id. */
    List<JsonNode> lines(String fileId) throws Exception {
        if (fileId == null || fileId.isEmpty()) {
            return List.of();
        }
        HttpResponse<String> response = get("/files/" + fileId + "/content");
        if (response.statusCode() != 200) {
            throw new AssertionError(response.body());
        }
        return response.body().lines().filter(line -> !line.isBlank()).map(BatchClient::parse).toList();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        request.header("Authorization", "Bearer test-key");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    URI uri(String path) {
        String joined = query.isEmpty() ? "" : (path.contains("?") ? "&" + query.substring(1) : query);
        return URI.create(simulator.baseUri() + prefix + path + joined);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
