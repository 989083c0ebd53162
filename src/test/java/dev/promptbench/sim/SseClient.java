package dev.promptbench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A plain HTTP client that reads a streamed answer line by line, noting when each event arrived. */
final class SseClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SseClient() {}

    /**
     * What came back.
     *
     * @param status  HTTP status
     * @param headers response headers
     * @param lines   every line of the body, blank ones included
     * @param data    the {@code data:} payloads in order
     * @param arrived {@link System#nanoTime()} when each payload was read
     * @param sentAt  {@link System#nanoTime()} just before the request was sent
     * @param cut     true when reading the body failed (the connection dropped mid-body)
     */
    record Streamed(int status, HttpHeaders headers, List<String> lines, List<String> data, List<Long> arrived,
                    long sentAt, boolean cut) {

        /** The payloads other than {@code [DONE]}, parsed. */
        List<JsonNode> events() {
            List<JsonNode> events = new ArrayList<>();
            for (String payload : data) {
                if (!payload.equals("[DONE]")) {
                    try {
                        events.add(JSON.readTree(payload));
                    } catch (IOException e) {
                        throw new UncheckedIOException("not JSON: " + payload, e);
                    }
                }
            }
            return events;
        }

        /** Indexes into {@link #data} of the events with non-empty content. */
        List<Integer> contentIndexes() {
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (!data.get(i).equals("[DONE]") && !content(i).isEmpty()) {
                    indexes.add(i);
                }
            }
            return indexes;
        }

        /** The content delta of payload {@code i}, empty if it has none. */
        String content(int i) {
            try {
                return JSON.readTree(data.get(i)).path("choices").path(0).path("delta").path("content").asText("");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The answer put together from the content deltas. */
        String text() {
            StringBuilder text = new StringBuilder();
            for (int i : contentIndexes()) {
                text.append(content(i));
            }
            return text.toString();
        }
    }

    static Streamed post(Simulator simulator, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUri() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        request.headers(headers);
        long sentAt = System.nanoTime();
        HttpResponse<InputStream> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        List<String> lines = new ArrayList<>();
        List<String> data = new ArrayList<>();
        List<Long> arrived = new ArrayList<>();
        boolean cut = false;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("data: ")) {
                    data.add(line.substring("data: ".length()));
                    arrived.add(System.nanoTime());
                }
            }
        } catch (IOException e) {
            cut = true;
        }
        return new Streamed(response.statusCode(), response.headers(), lines, data, arrived, sentAt, cut);
    }
}
