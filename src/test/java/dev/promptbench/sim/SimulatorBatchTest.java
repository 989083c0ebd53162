package dev.promptbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.clock.TestClocks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The simulator's Files and Batch API on the happy path, on every path family. */
class SimulatorBatchTest {

    private static Simulator simulator;

    @BeforeAll
    static void start() throws Exception {
        simulator = Simulator.start(SimulatorSettings.instant()
                .withBatches(new SimulatorSettings.Batches(Duration.ZERO, Duration.ofHours(24), false)), TestClocks.SYSTEM);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    static Stream<Function<Simulator, BatchClient>> clients() {
        return Stream.of(BatchClient::openAi, BatchClient::azureV1, BatchClient::azureVersioned);
    }

    @ParameterizedTest
    @MethodSource("clients")
    void uploadAnswersAFileObject(Function<Simulator, BatchClient> make) throws Exception {
        BatchClient client = make.apply(simulator);
        String content = client.input(2);
        HttpResponse<String> response = client.upload(content, "batch");
        // Azure's api-version route answers 201 Created, the others 200.
        assertEquals(client.uri("/files").getQuery() != null ? 201 : 200, response.statusCode(), response.body());
        JsonNode file = BatchClient.json(response);
        assertTrue(file.path("id").asText().matches("file-[0-9a-f]{24}"), file.toString());
        assertEquals("file", file.path("object").asText());
        assertEquals(content.length(), file.path("bytes").asLong());
        assertEquals("in.jsonl", file.path("filename").asText());
        assertEquals("batch", file.path("purpose").asText());
        assertEquals("processed", file.path("status").asText());
        assertTrue(file.path("created_at").asLong() > 1_600_000_000L);

        String id = file.path("id").asText();
        assertEquals(file, BatchClient.json(client.get("/files/" + id)));
        assertEquals(content, client.get("/files/" + id + "/content").body(), "the content comes back unchanged");
        JsonNode list = BatchClient.json(client.get("/files"));
        assertEquals("list", list.path("object").asText());
        assertTrue(list.path("data").findValuesAsText("id").contains(id));
    }

    @ParameterizedTest
    @MethodSource("clients")
    void aBatchAnswersEveryLineThroughTheModel(Function<Simulator, BatchClient> make) throws Exception {
        BatchClient client = make.apply(simulator);
        String inputId = client.uploadId(client.input(3));
        HttpResponse<String> created = client.create(inputId);
        assertEquals(200, created.statusCode(), created.body());
        JsonNode batch = BatchClient.json(created);
        assertTrue(batch.path("id").asText().startsWith("batch_"), batch.toString());
        assertEquals("batch", batch.path("object").asText());
        assertEquals(client.lineUrl(), batch.path("endpoint").asText());
        assertEquals(inputId, batch.path("input_file_id").asText());
        assertEquals("24h", batch.path("completion_window").asText());
        assertEquals("validating", batch.path("status").asText());
        assertEquals("test", batch.path("metadata").path("run").asText());
        for (String field : List.of("output_file_id", "error_file_id", "errors", "in_progress_at", "completed_at",
                "failed_at", "expired_at", "cancelling_at", "cancelled_at", "finalizing_at")) {
            assertTrue(batch.has(field) && batch.get(field).isNull(), field + " in " + batch);
        }
        assertEquals(batch.path("created_at").asLong() + 24 * 3600, batch.path("expires_at").asLong());

        assertTrue(simulator.awaitBatch(batch.path("id").asText(), Duration.ofSeconds(30)));
        JsonNode done = BatchClient.json(client.get("/batches/" + batch.path("id").asText()));
        assertEquals("completed", done.path("status").asText(), done.toString());
        assertEquals(3, done.path("request_counts").path("total").asInt());
        assertEquals(3, done.path("request_counts").path("completed").asInt());
        assertEquals(0, done.path("request_counts").path("failed").asInt());
        for (String field : List.of("in_progress_at", "finalizing_at", "completed_at")) {
            assertTrue(done.path(field).asLong() >= done.path("created_at").asLong(), field + " in " + done);
        }
        assertTrue(done.get("error_file_id").isNull(), "nothing failed: no error file");

        List<JsonNode> output = client.lines(done.path("output_file_id").asText());
        assertEquals(3, output.size());
        Set<String> customIds = new HashSet<>();
        long input = 0;
        long outputTokens = 0;
        for (JsonNode line : output) {
            input += line.path("response").path("body").path("usage").path("prompt_tokens").asLong();
            outputTokens += line.path("response").path("body").path("usage").path("completion_tokens").asLong();
            customIds.add(line.path("custom_id").asText());
            assertTrue(line.path("id").asText().startsWith("batch_req_"), line.toString());
            assertEquals(200, line.path("response").path("status_code").asInt());
            assertTrue(line.path("response").path("request_id").asText().startsWith("req_"), line.toString());
            JsonNode body = line.path("response").path("body");
            assertEquals("chat.completion", body.path("object").asText());
            assertFalse(body.path("choices").path(0).path("message").path("content").asText().isBlank());
            assertTrue(body.path("usage").path("total_tokens").asInt() > 0);
            assertTrue(line.get("error").isNull());
        }
        assertEquals(Set.of("p-1", "p-2", "p-3"), customIds);
        if (client.lineUrl().startsWith("/v1/")) {
            // openai-python types/batch.py and batch_usage.py: the batch names its model and adds up its tokens.
            assertEquals(output.get(0).path("response").path("body").path("model").asText(), done.path("model").asText());
            assertEquals(input, done.path("usage").path("input_tokens").asLong(), done.toString());
            assertEquals(outputTokens, done.path("usage").path("output_tokens").asLong(), done.toString());
            assertEquals(input + outputTokens, done.path("usage").path("total_tokens").asLong(), done.toString());
        } else {
            assertFalse(done.has("usage"), "Azure's batch object has no usage: " + done);
        }

        JsonNode output_file = BatchClient.json(client.get("/files/" + done.path("output_file_id").asText()));
        assertEquals("batch_output", output_file.path("purpose").asText());
    }

    @Test
    void listsBatchesNewestFirstAndFindsOneById() throws Exception {
        BatchClient client = BatchClient.openAi(simulator);
        String first = client.createBatch(client.input(1)).path("id").asText();
        String second = client.createBatch(client.input(1)).path("id").asText();
        JsonNode list = BatchClient.json(client.get("/batches?limit=100"));
        assertEquals("list", list.path("object").asText());
        List<String> ids = list.path("data").findValuesAsText("id");
        assertTrue(ids.indexOf(second) >= 0 && ids.indexOf(first) > ids.indexOf(second), ids.toString());
        assertFalse(list.path("has_more").asBoolean());
        assertEquals(404, client.get("/batches/batch_nope").statusCode());
        assertEquals(404, client.get("/files/file-nope/content").statusCode());
    }
}
