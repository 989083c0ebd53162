package dev.promptbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.clock.TestClocks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Batches that do not simply complete: faults and 429s per line, cancel, expiry, failed validation, quirks. */
class SimulatorBatchLifecycleTest {

    private static final Duration DAY = Duration.ofHours(24);

    private static Simulator start(SimulatorSettings settings, Duration duration, Duration window, boolean quirks)
            throws Exception {
        return Simulator.start(settings.withBatches(new SimulatorSettings.Batches(duration, window, quirks)), TestClocks.SYSTEM);
    }

    @Test
    void faultsAnd429sBecomeLinesOfTheErrorFile() throws Exception {
        SimulatorSettings failing = SimulatorSettings.instant()
                .withFaults(new SimulatorSettings.Faults(1.0, Set.of(FaultKind.SERVER_ERROR)));
        try (Simulator simulator = start(failing, Duration.ZERO, DAY, false)) {
            BatchClient client = BatchClient.openAi(simulator);
            JsonNode batch = client.finishedBatch(client.input(3));
            assertEquals("completed", batch.path("status").asText(), batch.toString());
            assertEquals(3, batch.path("request_counts").path("failed").asInt());
            assertEquals(List.of(), client.lines(batch.path("output_file_id").asText()),
                    "without quirks the output file exists, empty");
            List<JsonNode> errors = client.lines(batch.path("error_file_id").asText());
            assertEquals(3, errors.size());
            for (JsonNode line : errors) {
                assertEquals(500, line.path("response").path("status_code").asInt(), line.toString());
                assertTrue(line.path("response").path("body").path("error").path("message").isTextual());
            }
        }
        // One request a second: of three lines sent at once, the first is answered, two get 429.
        SimulatorSettings limited = SimulatorSettings.instant().withLimits(new SimulatorSettings.Limits(60, 0, 1));
        try (Simulator simulator = start(limited, Duration.ZERO, DAY, false)) {
            BatchClient client = BatchClient.azureV1(simulator);
            JsonNode batch = client.finishedBatch(client.input(3));
            assertEquals(1, batch.path("request_counts").path("completed").asInt(), batch.toString());
            assertEquals(2, batch.path("request_counts").path("failed").asInt());
            List<JsonNode> errors = client.lines(batch.path("error_file_id").asText());
            assertEquals(List.of(429, 429), errors.stream()
                    .map(line -> line.path("response").path("status_code").asInt()).toList());
            assertEquals("429", errors.get(0).path("response").path("body").path("error").path("code").asText());
        }
    }

    @Test
    void aCancelledBatchKeepsWhatItAnswered() throws Exception {
        // 4 lines over 0.8 s of a 1 s batch: cancelled after the first line, before the last.
        try (Simulator simulator = start(SimulatorSettings.instant(), Duration.ofSeconds(1), DAY, false)) {
            BatchClient client = BatchClient.openAi(simulator);
            String id = client.createBatch(client.input(4)).path("id").asText();
            assertTrue(simulator.awaitBatchLines(id, 1, Duration.ofSeconds(30)));
            HttpResponse<String> cancel = client.post("/batches/" + id + "/cancel", "");
            assertEquals(200, cancel.statusCode(), cancel.body());
            JsonNode cancelling = BatchClient.json(cancel);
            assertEquals("cancelling", cancelling.path("status").asText());
            assertTrue(cancelling.path("cancelling_at").isNumber());

            assertTrue(simulator.awaitBatch(id, Duration.ofSeconds(30)));
            JsonNode batch = BatchClient.json(client.get("/batches/" + id));
            assertEquals("cancelled", batch.path("status").asText(), batch.toString());
            assertTrue(batch.path("cancelled_at").isNumber());
            int answered = batch.path("request_counts").path("completed").asInt();
            assertTrue(answered >= 1 && answered < 4, batch.toString());
            assertEquals(answered, client.lines(batch.path("output_file_id").asText()).size());
            List<JsonNode> notRun = client.lines(batch.path("error_file_id").asText());
            assertEquals(4 - answered, notRun.size());
            assertEquals("batch_cancelled", notRun.get(0).path("error").path("code").asText());
            assertTrue(notRun.get(0).get("response").isNull());

            assertEquals(409, client.post("/batches/" + id + "/cancel", "").statusCode(), "an ended batch stays");
        }
    }

    @Test
    void aBatchLongerThanItsWindowExpiresWithPartialOutput() throws Exception {
        // Lines due at 183, 317 and 450 ms; the window ends at 250 ms: one answered, two expired.
        try (Simulator simulator = start(SimulatorSettings.instant(), Duration.ofMillis(500), Duration.ofMillis(250),
                false)) {
            BatchClient client = BatchClient.azureVersioned(simulator);
            JsonNode batch = client.finishedBatch(client.input(3));
            assertEquals("expired", batch.path("status").asText(), batch.toString());
            assertTrue(batch.path("expired_at").isNumber());
            assertEquals(3, batch.path("request_counts").path("total").asInt());
            assertEquals(1, batch.path("request_counts").path("completed").asInt());
            assertEquals(List.of("p-1"), client.lines(batch.path("output_file_id").asText()).stream()
                    .map(line -> line.path("custom_id").asText()).toList());
            List<JsonNode> expired = client.lines(batch.path("error_file_id").asText());
            assertEquals(Set.of("p-2", "p-3"), expired.stream().map(line -> line.path("custom_id").asText())
                    .collect(Collectors.toSet()));
            assertEquals("batch_expired", expired.get(0).path("error").path("code").asText());
        }
    }

    @Test
    void aBadInputFileFailsValidationWithItsErrorsByLine() throws Exception {
        try (Simulator simulator = start(SimulatorSettings.instant(), Duration.ZERO, DAY, false)) {
            BatchClient client = BatchClient.openAi(simulator);
            String good = client.input(1);
            String duplicate = good + good.replace("\"prompt 1\"", "\"again\"");
            String wrongUrl = client.input(2).replace("/v1/chat/completions\",\"body\":{\"model\":\"gpt-batch\","
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"prompt 2",
                    "/v1/embeddings\",\"body\":{\"model\":\"gpt-batch\",\"messages\":[{\"role\":\"user\",\"content\":\"prompt 2");
            assertFailed(client, duplicate, "duplicate_custom_id", 2);
            assertFailed(client, wrongUrl, "url_mismatch", 2);
            assertFailed(client, good + "{not json\n", "invalid_json_line", 2);
            assertFailed(client, "\n", "empty_file", -1);

            BatchClient azure = BatchClient.azureV1(simulator);
            String twoDeployments = azure.input(2).replace("\"gpt-batch\",\"messages\":[{\"role\":\"user\",\"content\":\"prompt 2",
                    "\"other\",\"messages\":[{\"role\":\"user\",\"content\":\"prompt 2");
            assertFailed(azure, twoDeployments, "model_mismatch", 2);
        }
    }

    private static void assertFailed(BatchClient client, String input, String code, int line) throws Exception {
        JsonNode batch = client.finishedBatch(input);
        assertEquals("failed", batch.path("status").asText(), batch.toString());
        assertTrue(batch.path("failed_at").isNumber());
        JsonNode error = batch.path("errors").path("data").path(0);
        assertEquals("list", batch.path("errors").path("object").asText());
        assertEquals(code, error.path("code").asText(), batch.toString());
        assertTrue(error.path("message").asText().length() > 10);
        if (line > 0) {
            assertEquals(line, error.path("line").asInt());
        }
        assertTrue(batch.get("output_file_id").isNull());
    }

    @Test
    void createIsRefusedForAMissingFileAWrongEndpointOrWindow() throws Exception {
        try (Simulator simulator = start(SimulatorSettings.instant(), Duration.ZERO, DAY, false)) {
            BatchClient client = BatchClient.openAi(simulator);
            String file = client.uploadId(client.input(1));
            assertEquals(404, client.create("file-missing").statusCode());
            HttpResponse<String> endpoint = client.post("/batches", "{\"input_file_id\":\"" + file
                    + "\",\"endpoint\":\"/v1/embeddings\",\"completion_window\":\"24h\"}");
            assertEquals(400, endpoint.statusCode());
            assertEquals("endpoint", BatchClient.json(endpoint).path("error").path("param").asText());
            HttpResponse<String> window = client.post("/batches", "{\"input_file_id\":\"" + file
                    + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"1h\"}");
            assertEquals(400, window.statusCode());
            assertEquals("completion_window", BatchClient.json(window).path("error").path("param").asText());
            assertEquals(400, client.upload("x", null).statusCode(), "no purpose");
            assertEquals(400, client.upload("x", "other").statusCode(), "unknown purpose");
        }
    }

    @Test
    void quirksCapitaliseStatusesAndLeaveOutWhatAzureLeavesOut() throws Exception {
        try (Simulator simulator = start(SimulatorSettings.instant(), Duration.ZERO, DAY, true)) {
            BatchClient client = BatchClient.azureV1(simulator);
            JsonNode created = client.createBatch(client.input(1));
            assertEquals("Validating", created.path("status").asText());
            JsonNode first = finished(simulator, client, created);
            JsonNode second = client.finishedBatch(client.input(1));
            assertEquals("Completed", first.path("status").asText());
            // Nothing failed: one batch says "" and the other names a zero-byte error file.
            assertEquals("", first.path("error_file_id").asText(), first.toString());
            assertTrue(first.get("error_file_id").isTextual());
            String errorFile = second.path("error_file_id").asText();
            assertTrue(errorFile.startsWith("file-"), second.toString());
            assertEquals(0, BatchClient.json(client.get("/files/" + errorFile)).path("bytes").asLong());
            assertEquals("", client.get("/files/" + errorFile + "/content").body());
        }
        SimulatorSettings failing = SimulatorSettings.instant()
                .withFaults(new SimulatorSettings.Faults(1.0, Set.of(FaultKind.UNAVAILABLE)));
        try (Simulator simulator = start(failing, Duration.ZERO, DAY, true)) {
            BatchClient client = BatchClient.azureV1(simulator);
            JsonNode batch = client.finishedBatch(client.input(2));
            assertEquals("Completed", batch.path("status").asText());
            assertTrue(batch.get("output_file_id").isNull(), "every line failed: no output file");
            assertEquals(2, client.lines(batch.path("error_file_id").asText()).size());
        }
        try (Simulator simulator = start(SimulatorSettings.instant(), Duration.ofMillis(500), Duration.ofMillis(250),
                true)) {
            BatchClient client = BatchClient.azureV1(simulator);
            JsonNode batch = client.finishedBatch(client.input(3));
            assertEquals("Expired", batch.path("status").asText());
            assertEquals(1, client.lines(batch.path("output_file_id").asText()).size());
            assertTrue(batch.get("error_file_id").isTextual(), "lines never run are left out, nothing failed");
            assertEquals(List.of(), client.lines(batch.path("error_file_id").asText()));
        }
    }

    private static JsonNode finished(Simulator simulator, BatchClient client, JsonNode created) throws Exception {
        String id = created.path("id").asText();
        assertTrue(simulator.awaitBatch(id, Duration.ofSeconds(30)));
        return BatchClient.json(client.get("/batches/" + id));
    }
}
