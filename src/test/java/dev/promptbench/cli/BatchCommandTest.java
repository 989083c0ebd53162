package dev.promptbench.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.promptbench.clock.Sleeper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch commands end to end against WireMock stubs of the OpenAI and Azure shapes. */
@WireMockTest
class BatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private WireMockRuntimeInfo wm;
    private final List<Duration> sleeps = new ArrayList<>();
    private Instant now = Instant.parse("2025-12-03T05:33:00Z");

    /** A clock that moves only when the fake sleeper "sleeps". */
    private final Clock clock = new Clock() {
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };
    private boolean ctrlCOnSleep;
    private final Sleeper sleeper = d -> {
        if (ctrlCOnSleep) throw new InterruptedException();
        sleeps.add(d);
        now = now.plus(d);
    };

    @BeforeEach
    void remember(WireMockRuntimeInfo info) {
        this.wm = info;
    }

    private CliRun batch(String... args) {
        List<String> all = new ArrayList<>(List.of("batch"));
        all.addAll(List.of(args));
        all.addAll(List.of("--endpoint", wm.getHttpBaseUrl() + "/v1", "--model", "gpt-4o-mini"));
        return cli(Map.of("OPENAI_API_KEY", "sk-test-key-123456"), all);
    }

    private CliRun cli(Map<String, String> env, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), env, sleeper, clock)
                .execute(args.toArray(String[]::new));
        return new CliRun(code, out.toString(), err.toString());
    }

    private Path prompts(int n) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= n; i++) text.append("prompt ").append(i).append('\n');
        Path file = dir.resolve("p.txt");
        Files.writeString(file, text);
        return file;
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = BatchCommandTest.class.getResourceAsStream("/batch/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String batchObject(String id, String status, String output, String error, int total, int done,
                                      int failed) {
        return "{\"id\":\"" + id + "\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/completions\",\"errors\":null,"
                + "\"input_file_id\":\"file-in\",\"completion_window\":\"24h\",\"status\":\"" + status + "\","
                + "\"output_file_id\":" + (output == null ? "null" : "\"" + output + "\"") + ","
                + "\"error_file_id\":" + (error == null ? "null" : "\"" + error + "\"") + ","
                + "\"created_at\":1764740000,\"in_progress_at\":1764740005,\"completed_at\":"
                + (status.equalsIgnoreCase("completed") ? "1764740120" : "null") + ",\"expired_at\":"
                + (status.equalsIgnoreCase("expired") ? "1764740130" : "null")
                + ",\"request_counts\":{\"total\":" + total + ",\"completed\":" + done + ",\"failed\":" + failed + "}}";
    }

    private void stubUploadAndCreate(String batchId) {
        wm.getWireMock().register(post(urlPathEqualTo("/v1/files")).willReturn(json(200,
                "{\"id\":\"file-in\",\"object\":\"file\",\"purpose\":\"batch\",\"status\":\"processed\"}")));
        wm.getWireMock().register(post(urlPathEqualTo("/v1/batches")).willReturn(json(200,
                batchObject(batchId, "validating", null, null, 0, 0, 0))));
    }

    private void stubBatch(String id, String body) {
        wm.getWireMock().register(get(urlPathEqualTo("/v1/batches/" + id)).willReturn(json(200, body)));
    }

    private void stubContent(String fileId, String body) {
        wm.getWireMock().register(get(urlPathEqualTo("/v1/files/" + fileId + "/content"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/octet-stream")
                        .withBody(body)));
    }

    private static List<JsonNode> records(Path results, String type) throws Exception {
        List<JsonNode> list = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            JsonNode node = JSON.readTree(line);
            if (node.path("type").asText().equals(type)) list.add(node);
        }
        return list;
    }

    private Path submit(int prompts, String... extra) throws Exception {
        Path state = dir.resolve("s.batch.json");
        List<String> args = new ArrayList<>(List.of("submit", prompts(prompts).toString(), "--state",
                state.toString()));
        args.addAll(List.of(extra));
        CliRun run = batch(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err() + run.out());
        return state;
    }

    @Test
    void submitWritesLinesAsRunWouldSendThemAndTheStateFile() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = dir.resolve("s.batch.json");
        CliRun submitted = batch("submit", prompts(3).toString(), "--state", state.toString(), "--temperature", "0.2",
                "--max-tokens", "50");
        assertEquals(0, submitted.exitCode(), submitted.err());

        JsonNode saved = JSON.readTree(state.toFile());
        assertEquals("batch_1", saved.path("parts").path(0).path("batch_id").asText());
        assertTrue(submitted.out().contains("next: promptbench batch fetch " + state + " --wait --endpoint "
                + wm.getHttpBaseUrl() + "/v1 --model gpt-4o-mini\n"), "works as pasted: " + submitted.out());
        assertEquals(3, saved.path("prompts").asInt());
        assertFalse(Files.readString(state).contains("sk-test-key"), "never the key");
        List<String> lines = Files.readAllLines(dir.resolve("s.batch.parts/part-0001.jsonl"));
        assertEquals(3, lines.size());
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals("line-1", first.path("custom_id").asText());
        assertEquals("POST", first.path("method").asText());
        assertEquals("/v1/chat/completions", first.path("url").asText());
        assertEquals("{\"messages\":[{\"role\":\"user\",\"content\":\"prompt 1\"}],\"model\":\"gpt-4o-mini\","
                + "\"max_tokens\":50,\"temperature\":0.2}", first.path("body").toString());
        List<LoggedRequest> creates = wm.getWireMock().find(postRequestedFor(urlPathEqualTo("/v1/batches")));
        JsonNode create = JSON.readTree(creates.get(0).getBodyAsString());
        assertEquals("file-in", create.path("input_file_id").asText());
        assertEquals("/v1/chat/completions", create.path("endpoint").asText());
        assertEquals("24h", create.path("completion_window").asText());
        LoggedRequest upload = wm.getWireMock().find(postRequestedFor(urlPathEqualTo("/v1/files"))).get(0);
        assertTrue(upload.getBodyAsString().contains("name=\"purpose\""), "multipart with purpose");
        assertTrue(upload.getBodyAsString().contains("batch"));
        assertEquals("Bearer sk-test-key-123456", upload.getHeader("Authorization"));
    }

    @Test
    void theResponsesApiIsRefusedInOneLineRatherThanSentAsChatLines() throws Exception {
        stubUploadAndCreate("batch_1");
        CliRun run = batch("submit", prompts(2).toString(), "--state", dir.resolve("r.batch.json").toString(),
                "--api", "responses");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--api responses: the Batch API input lines promptbench writes are chat "
                + "completions"), run.err());
        assertTrue(wm.getWireMock().find(postRequestedFor(urlPathEqualTo("/v1/files"))).isEmpty(), "nothing uploaded");
        assertFalse(Files.exists(dir.resolve("r.batch.json")), "no state file");
    }

    @Test
    void aStateFileIsNeverOverwritten() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(3);
        CliRun again = batch("submit", dir.resolve("p.txt").toString(), "--state", state.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("never overwritten"), again.err());
    }

    @Test
    void maxPerBatchSplitsIntoParts() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(5, "--max-per-batch", "2");
        JsonNode parts = JSON.readTree(state.toFile()).path("parts");
        assertEquals(3, parts.size());
        assertEquals(2, parts.path(0).path("prompts").asInt());
        assertEquals(1, parts.path(2).path("prompts").asInt());
        assertEquals(3, wm.getWireMock().find(postRequestedFor(urlPathEqualTo("/v1/files"))).size());
    }

    @Test
    void fetchJoinsOutputAndErrorFilesInInputOrder() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(3);
        stubBatch("batch_1", batchObject("batch_1", "completed", "file-out", "file-err", 3, 2, 1));
        stubContent("file-out", resource("output-lines.jsonl"));
        stubContent("file-err", resource("error-lines.jsonl"));
        Path results = dir.resolve("r.jsonl");

        CliRun fetch = batch("fetch", state.toString(), "--out", results.toString());

        assertEquals(1, fetch.exitCode(), fetch.err());
        JsonNode header = records(results, "run").get(0);
        assertEquals("batch", header.path("mode").asText());
        List<JsonNode> requests = records(results, "request");
        assertEquals(List.of("line-1", "line-2", "line-3"), requests.stream().map(r -> r.path("id").asText()).toList());
        assertEquals("ok", requests.get(0).path("status").asText());
        assertEquals("Answer one", requests.get(0).path("answer").asText());
        assertEquals(10, requests.get(0).path("tokens").path("prompt").asInt());
        assertEquals("batch_req_001", requests.get(0).path("batch_request_id").asText());
        assertEquals("req_001", requests.get(0).path("request_id").asText());
        assertEquals("batch_1", requests.get(0).path("batch_id").asText());
        assertEquals("stop", requests.get(1).path("finish_reason").asText());
        assertEquals("error", requests.get(2).path("status").asText());
        assertEquals("invalid_value", requests.get(2).path("error").path("code").asText());
        assertEquals(400, requests.get(2).path("http_status").asInt());
        JsonNode summary = records(results, "summary").get(0);
        assertEquals(2, summary.path("ok").asInt());
        assertEquals(1, summary.path("errors").asInt());
        assertEquals(22, summary.path("prompt_tokens").asInt());
        assertTrue(fetch.out().contains("results: " + results), fetch.out());
    }

    @Test
    void fetchBeforeTheEndPrintsTheStatusAndExits6() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(3);
        stubBatch("batch_1", batchObject("batch_1", "in_progress", null, null, 3, 1, 0));

        CliRun fetch = batch("fetch", state.toString());

        assertEquals(6, fetch.exitCode(), fetch.err());
        assertTrue(fetch.err().contains("in_progress"), fetch.err());
        assertTrue(fetch.err().contains("not finished yet"), fetch.err());
        assertEquals("in_progress", JSON.readTree(state.toFile()).path("parts").path(0).path("job").path("status")
                .asText(), "the state records what was seen");
    }

    @Test
    void fetchWaitPollsWithBackoffUpToThePollInterval() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(3);
        String running = batchObject("batch_1", "in_progress", null, null, 3, 1, 0);
        for (int i = 0; i < 5; i++) {
            wm.getWireMock().register(get(urlPathEqualTo("/v1/batches/batch_1")).inScenario("poll")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "p" + i).willSetStateTo("p" + (i + 1))
                    .willReturn(json(200, running)));
        }
        wm.getWireMock().register(get(urlPathEqualTo("/v1/batches/batch_1")).inScenario("poll")
                .whenScenarioStateIs("p5").willReturn(json(200,
                        batchObject("batch_1", "Completed", "file-out", "", 3, 3, 0))));
        stubContent("file-out", resource("output-lines.jsonl"));
        sleeps.clear();

        CliRun fetch = batch("fetch", state.toString(), "--wait", "--poll-interval", "20s");

        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(20), Duration.ofSeconds(20)), sleeps);
        assertEquals(1, fetch.exitCode(), "line-3 has no line in a completed batch: " + fetch.err());
    }

    @Test
    void statusShowsEachPartAndTheWhole() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(3);
        stubBatch("batch_1", batchObject("batch_1", "in_progress", null, null, 3, 1, 1));

        CliRun status = batch("status", state.toString());
        assertEquals(6, status.exitCode(), status.err());
        assertTrue(status.out().contains("batch_1"), status.out());
        assertTrue(status.out().contains("1 of 3 prompts done (66%), 1 failed"), status.out());

        CliRun json = batch("status", state.toString(), "--format", "json");
        assertEquals("in_progress", JSON.readTree(json.out()).path("parts").path(0).path("status").asText());
    }

    @Test
    void aRefusedCreateForTheTokenQuotaWaitsAndRetries() throws Exception {
        wm.getWireMock().register(post(urlPathEqualTo("/v1/files")).willReturn(json(200,
                "{\"id\":\"file-in\",\"object\":\"file\",\"status\":\"processed\"}")));
        String refused = "{\"error\":{\"code\":\"token_limit_exceeded\",\"message\":\"The number of enqueued tokens "
                + "has surpassed the configured limit\"}}";
        wm.getWireMock().register(post(urlPathEqualTo("/v1/batches")).inScenario("quota")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("once").willReturn(json(400, refused)));
        wm.getWireMock().register(post(urlPathEqualTo("/v1/batches")).inScenario("quota")
                .whenScenarioStateIs("once").willSetStateTo("free").willReturn(json(400, refused)));
        wm.getWireMock().register(post(urlPathEqualTo("/v1/batches")).inScenario("quota")
                .whenScenarioStateIs("free").willReturn(json(200, batchObject("batch_1", "validating", null, null,
                        0, 0, 0))));

        Path state = submit(3, "--max-wait", "1m");

        assertEquals("batch_1", JSON.readTree(state.toFile()).path("parts").path(0).path("batch_id").asText());
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(10)), sleeps);
    }

    @Test
    void aCreateStillRefusedAfterMaxWaitLeavesThePartWaitingAndExits6() throws Exception {
        wm.getWireMock().register(post(urlPathEqualTo("/v1/files")).willReturn(json(200,
                "{\"id\":\"file-in\",\"object\":\"file\",\"status\":\"processed\"}")));
        wm.getWireMock().register(post(urlPathEqualTo("/v1/batches")).willReturn(json(429,
                "{\"error\":{\"code\":\"token_limit_exceeded\",\"message\":\"quota full\"}}")));
        Path state = dir.resolve("s.batch.json");

        CliRun run = batch("submit", prompts(2).toString(), "--state", state.toString(), "--max-wait", "30s");

        assertEquals(6, run.exitCode(), run.err());
        assertTrue(run.err().contains("enqueued-token quota"), run.err());
        JsonNode part = JSON.readTree(state.toFile()).path("parts").path(0);
        assertTrue(part.path("batch_id").isNull());
        assertEquals("file-in", part.path("input_file_id").asText(), "uploaded once, not again");
    }

    @Test
    void aBatchFailedAtValidationShowsItsErrorsByLine() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(3);
        stubBatch("batch_1", resource("azure-batch-failed-validation.json").replace(
                "batch_6caaf24d-54a5-46be-b1b7-518884fcbdde", "batch_1"));

        CliRun status = batch("status", state.toString());
        assertTrue(status.out().contains("line 2: invalid_json_line"), status.out());

        Path results = dir.resolve("r.jsonl");
        CliRun fetch = batch("fetch", state.toString(), "--out", results.toString());
        assertEquals(1, fetch.exitCode(), fetch.err());
        List<JsonNode> requests = records(results, "request");
        assertEquals(3, requests.size());
        assertTrue(requests.stream().allMatch(r -> r.path("status").asText().equals("error")));
        assertTrue(requests.get(0).path("error").path("message").asText().contains("line 2: invalid_json_line"));
        assertTrue(fetch.err().contains("part 1 (batch_1) failed, its 3 prompts recorded as errors: line 2: "
                + "invalid_json_line: A line in the input file is not valid JSON."), fetch.err());
    }

    @Test
    void completedWithNoOutputFileWhenEveryLineFailedAndAZeroByteErrorFile() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(1);
        stubBatch("batch_1", batchObject("batch_1", "Completed", null, "file-err", 1, 0, 1));
        stubContent("file-err", "{\"id\":\"batch_req_9\",\"custom_id\":\"line-1\",\"response\":null,"
                + "\"error\":{\"code\":\"server_error\",\"message\":\"The model failed\"}}\n");
        Path results = dir.resolve("r.jsonl");

        CliRun fetch = batch("fetch", state.toString(), "--out", results.toString());

        assertEquals(1, fetch.exitCode(), fetch.err());
        JsonNode record = records(results, "request").get(0);
        assertEquals("error", record.path("status").asText());
        assertEquals("server_error", record.path("error").path("code").asText());
        assertTrue(record.path("http_status").isNull());
    }

    @Test
    void aZeroByteErrorFileIsNoError() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(2);
        stubBatch("batch_1", batchObject("batch_1", "completed", "file-out", "file-err", 2, 2, 0));
        stubContent("file-out", resource("output-lines.jsonl"));
        stubContent("file-err", "");
        Path results = dir.resolve("r.jsonl");

        CliRun fetch = batch("fetch", state.toString(), "--out", results.toString());

        assertEquals(0, fetch.exitCode(), fetch.err());
        assertEquals(2, records(results, "summary").get(0).path("ok").asInt());
    }

    @Test
    void expiredWithPartialOutputRecordsTheRestAsNotRun() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(3);
        stubBatch("batch_1", batchObject("batch_1", "expired", "file-out", "", 3, 2, 0));
        stubContent("file-out", resource("output-lines.jsonl"));
        Path results = dir.resolve("r.jsonl");

        CliRun fetch = batch("fetch", state.toString(), "--out", results.toString());

        assertEquals(1, fetch.exitCode(), fetch.err());
        List<JsonNode> requests = records(results, "request");
        assertEquals("ok", requests.get(0).path("status").asText());
        assertEquals("not_run", requests.get(2).path("status").asText());
        assertEquals("batch_expired", requests.get(2).path("error").path("kind").asText());
        assertTrue(fetch.err().contains("part 1 (batch_1) expired with 2 of 3 prompts answered; the rest are not_run "
                + "(--retry-failed N sends them again)"), fetch.err());
        JsonNode summary = records(results, "summary").get(0);
        assertEquals(1, summary.path("not_run").asInt());
        assertEquals(150_000, summary.path("wall_ms").asDouble(), 1e-9,
                "from the submission (05:33:00Z) to the batch's expired_at (05:35:30Z)");
    }

    /**
     * OpenAI lists the lines an expired or cancelled batch never ran in its error file, with the codes
     * batch_expired / batch_cancelled (the OpenAPI spec's BatchRequestOutput.error.code, as openai-python
     * and the generated clients type it): they did not run, so they are not_run, not errors.
     */
    @Test
    void errorLinesOfAnExpiredOrCancelledBatchAreNotRun() throws Exception {
        for (String end : List.of("expired", "cancelled")) {
            wm.getWireMock().resetMappings();
            stubUploadAndCreate("batch_1");
            Path state = dir.resolve(end + ".batch.json");
            assertEquals(0, batch("submit", prompts(3).toString(), "--state", state.toString()).exitCode());
            stubBatch("batch_1", batchObject("batch_1", end, "file-out", "file-err", 3, 2, 0));
            stubContent("file-out", resource("output-lines.jsonl"));
            stubContent("file-err", resource(end + "-error-lines.jsonl"));
            Path results = dir.resolve(end + ".jsonl");

            CliRun fetch = batch("fetch", state.toString(), "--out", results.toString());

            assertEquals(1, fetch.exitCode(), fetch.err());
            JsonNode third = records(results, "request").get(2);
            assertEquals("not_run", third.path("status").asText(), third.toString());
            assertEquals("batch_" + end, third.path("error").path("kind").asText());
            JsonNode summary = records(results, "summary").get(0);
            assertEquals(1, summary.path("not_run").asInt());
            assertEquals(0, summary.path("errors").asInt());
        }
    }

    @Test
    void anUnknownOrRepeatedCustomIdIsReportedNotJoined() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(2);
        stubBatch("batch_1", batchObject("batch_1", "completed", "file-out", null, 2, 2, 0));
        String lines = resource("output-lines.jsonl");
        String first = lines.lines().toList().get(1);
        stubContent("file-out", lines + first.replace("Answer one", "Second answer") + "\n"
                + first.replace("\"line-1\"", "\"line-77\"") + "\n");
        Path results = dir.resolve("r.jsonl");

        CliRun fetch = batch("fetch", state.toString(), "--out", results.toString());

        assertEquals(0, fetch.exitCode(), fetch.err());
        assertTrue(fetch.err().contains("custom_id 'line-1' is repeated; the first line was kept"), fetch.err());
        assertTrue(fetch.err().contains("custom_id 'line-77' is not a prompt of this submission"), fetch.err());
        assertEquals("Answer one", records(results, "request").get(0).path("answer").asText());
        assertEquals(2, records(results, "summary").get(0).path("unjoined_lines").asInt());
    }

    @Test
    void retryFailedSendsTheFailedPromptsAgainAsANewPart() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(3);
        stubBatch("batch_1", batchObject("batch_1", "completed", "file-out", "file-err", 3, 2, 1));
        stubContent("file-out", resource("output-lines.jsonl"));
        stubContent("file-err", resource("error-lines.jsonl"));
        wm.getWireMock().register(post(urlPathEqualTo("/v1/batches"))
                .withRequestBody(matchingJsonPath("$.input_file_id", equalTo("file-in")))
                .willReturn(json(200, batchObject("batch_2", "validating", null, null, 0, 0, 0))).atPriority(1));
        stubBatch("batch_2", batchObject("batch_2", "completed", "file-out2", null, 1, 1, 0));
        stubContent("file-out2", resource("output-lines.jsonl").lines().toList().get(0)
                .replace("line-2", "line-3").replace("Answer two", "Answer three") + "\n");
        Path results = dir.resolve("r.jsonl");

        CliRun fetch = batch("fetch", state.toString(), "--wait", "--retry-failed", "1", "--out", results.toString());

        assertEquals(0, fetch.exitCode(), fetch.err());
        List<String> retried = Files.readAllLines(dir.resolve("s.batch.parts/retry1-part-0002.jsonl"));
        assertEquals(1, retried.size());
        assertEquals("line-3", JSON.readTree(retried.get(0)).path("custom_id").asText());
        JsonNode third = records(results, "request").get(2);
        assertEquals("ok", third.path("status").asText());
        assertEquals("Answer three", third.path("answer").asText());
        assertEquals(2, third.path("attempts").asInt());
        assertEquals("batch_2", third.path("batch_id").asText());
        assertEquals(1, JSON.readTree(state.toFile()).path("retry_rounds").asInt());
    }

    /** --retry-failed resends what failed or expired, never what the user cancelled. */
    @Test
    void retryFailedDoesNotResendTheLinesOfACancelledBatch() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(3);
        stubBatch("batch_1", batchObject("batch_1", "cancelled", "file-out", "file-err", 3, 2, 0));
        stubContent("file-out", resource("output-lines.jsonl"));
        stubContent("file-err", resource("cancelled-error-lines.jsonl"));
        Path results = dir.resolve("r.jsonl");

        CliRun fetch = batch("fetch", state.toString(), "--wait", "--retry-failed", "1", "--out", results.toString());

        assertEquals(1, fetch.exitCode(), fetch.err());
        assertEquals(1, wm.getWireMock().find(postRequestedFor(urlPathEqualTo("/v1/batches"))).size(), "no new batch");
        assertEquals("not_run", records(results, "request").get(2).path("status").asText());
        assertEquals(0, JSON.readTree(state.toFile()).path("retry_rounds").asInt());
    }

    @Test
    void cancelCancelsRunningParts() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(3);
        wm.getWireMock().register(post(urlPathEqualTo("/v1/batches/batch_1/cancel")).willReturn(json(200,
                batchObject("batch_1", "cancelling", null, null, 3, 1, 0))));

        CliRun cancel = batch("cancel", state.toString());

        assertEquals(0, cancel.exitCode(), cancel.err());
        assertTrue(cancel.out().contains("cancelling"), cancel.out());
        wm.getWireMock().verifyThat(postRequestedFor(urlPathEqualTo("/v1/batches/batch_1/cancel")));
    }

    @Test
    void anotherEndpointThanTheSubmissionsIsAUsageError() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(3);
        CliRun status = cli(Map.of("OPENAI_API_KEY", "k"), List.of("batch", "status", state.toString(),
                "--endpoint", "http://127.0.0.1:1/v1", "--model", "m"));
        assertEquals(2, status.exitCode());
        assertTrue(status.err().contains("pass the same endpoint options"), status.err());
    }

    @Test
    void aRefusedKeyExits4WithoutTheKey() throws Exception {
        wm.getWireMock().register(post(urlPathEqualTo("/v1/files")).willReturn(json(401,
                "{\"error\":{\"code\":\"invalid_api_key\",\"message\":\"Incorrect API key provided: sk-test-key-123456\"}}")));
        CliRun run = batch("submit", prompts(1).toString(), "--state", dir.resolve("s.json").toString());
        assertEquals(4, run.exitCode());
        assertTrue(run.err().contains("invalid_api_key"), run.err());
        assertFalse(run.err().contains("sk-test-key-123456"), run.err());
    }

    @Test
    void azureUsesTheResourceRoutesAndTheDeploymentAsModel() throws Exception {
        String q = "api-version=2024-10-21";
        wm.getWireMock().register(post(urlPathEqualTo("/openai/files")).withQueryParam("api-version",
                equalTo("2024-10-21")).willReturn(json(201, resource("azure-file-pending.json"))));
        wm.getWireMock().register(get(urlPathEqualTo("/openai/files/file-9f1a2b3c4d5e6f708192a3b4c5d6e7f8"))
                .willReturn(json(200, resource("azure-file-pending.json").replace("pending", "processed"))));
        wm.getWireMock().register(post(urlPathEqualTo("/openai/batches")).willReturn(json(201,
                resource("azure-batch-validating.json"))));
        Path state = dir.resolve("s.batch.json");

        CliRun run = cli(Map.of("AZURE_OPENAI_API_KEY", "azure-key-1234567"), List.of("batch", "submit",
                prompts(2).toString(), "--state", state.toString(), "--endpoint", wm.getHttpBaseUrl(),
                "--deployment", "gpt-4o-mini-batch", "--provider", "azure"));

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps, "waited for the pending file once");
        JsonNode line = JSON.readTree(Files.readAllLines(dir.resolve("s.batch.parts/part-0001.jsonl")).get(0));
        assertEquals("/chat/completions", line.path("url").asText());
        assertEquals("gpt-4o-mini-batch", line.path("body").path("model").asText());
        JsonNode create = JSON.readTree(wm.getWireMock().find(postRequestedFor(urlPathEqualTo("/openai/batches")))
                .get(0).getBodyAsString());
        assertEquals("/chat/completions", create.path("endpoint").asText());
        assertEquals("azure-key-1234567", wm.getWireMock().find(postRequestedFor(urlPathEqualTo("/openai/batches")))
                .get(0).getHeader("api-key"));
        assertTrue(wm.getWireMock().find(getRequestedFor(urlPathEqualTo(
                "/openai/files/file-9f1a2b3c4d5e6f708192a3b4c5d6e7f8"))).get(0).getUrl().contains(q));
    }

    @Test
    void batchRunWithNoEndpointUsesTheBuiltInSimulator() throws Exception {
        Path state = dir.resolve("s.batch.json");
        Path results = dir.resolve("r.jsonl");
        CliRun run = cli(Map.of(), List.of("batch", "run", prompts(3).toString(), "--state", state.toString(),
                "--out", results.toString(), "--sim-batch-duration", "0s"));

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("built-in simulator"), run.err());
        assertTrue(run.err().contains("batch: 3 done, 0 failed of 3"), "plain progress lines: " + run.err());
        List<JsonNode> requests = records(results, "request");
        assertEquals(3, requests.size());
        assertTrue(requests.stream().allMatch(r -> r.path("status").asText().equals("ok")
                && !r.path("answer").asText().isEmpty()));
        assertTrue(run.out().contains("results: " + results), run.out());
    }

    /** Azure's quirks (azure-openai-api.md 8a) through the embedded simulator: nothing lost, nothing misread. */
    @Test
    void batchRunWithTheSimulatorsAzureQuirksReadsEveryAnswer() throws Exception {
        Path state = dir.resolve("s.batch.json");
        Path results = dir.resolve("r.jsonl");
        CliRun run = cli(Map.of(), List.of("batch", "run", prompts(3).toString(), "--state", state.toString(),
                "--out", results.toString(), "--sim-batch-duration", "0s", "--sim-batch-quirks"));

        assertEquals(0, run.exitCode(), run.err());
        JsonNode job = JSON.readTree(state.toFile()).path("parts").path(0).path("job");
        assertEquals("Completed", job.path("raw_status").asText(), "the simulator capitalised the status");
        assertEquals("completed", job.path("status").asText());
        List<JsonNode> requests = records(results, "request");
        assertEquals(3, requests.size());
        assertTrue(requests.stream().allMatch(r -> r.path("status").asText().equals("ok")), requests.toString());
    }

    /** Every line failed: Azure's "completed" with no output file; each prompt is an error, none lost. */
    @Test
    void batchRunWithQuirksWhenEveryLineFailsRecordsEachError() throws Exception {
        Path results = dir.resolve("r.jsonl");
        CliRun run = cli(Map.of(), List.of("batch", "run", prompts(3).toString(), "--state",
                dir.resolve("s.batch.json").toString(), "--out", results.toString(), "--sim-batch-duration", "0s",
                "--sim-batch-quirks", "--sim-fault-rate", "1", "--sim-fault-kinds", "500"));

        assertEquals(1, run.exitCode(), run.err());
        List<JsonNode> requests = records(results, "request");
        assertEquals(3, requests.size());
        assertTrue(requests.stream().allMatch(r -> r.path("status").asText().equals("error")
                && r.path("http_status").asInt() == 500), requests.toString());
    }

    @Test
    void aZeroSimulatedBatchWindowIsAUsageError() throws Exception {
        Path results = dir.resolve("r.jsonl");
        CliRun run = cli(Map.of(), List.of("batch", "run", prompts(4).toString(), "--state",
                dir.resolve("s.batch.json").toString(), "--out", results.toString(), "--sim-batch-duration", "0s",
                "--sim-batch-window", "0s"));

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--sim-batch-window must be longer than 0"), run.err());
    }

    @Test
    void ctrlCDuringBatchRunLeavesTheBatchesRunningAndPrintsHowToPickThemUp() throws Exception {
        stubUploadAndCreate("batch_1");
        stubBatch("batch_1", batchObject("batch_1", "in_progress", null, null, 3, 0, 0));
        Path state = dir.resolve("s.batch.json");
        ctrlCOnSleep = true;

        Path results = dir.resolve("r.jsonl");
        Path answers = dir.resolve("answers.jsonl");
        CliRun run = batch("run", prompts(3).toString(), "--state", state.toString(), "--out", results.toString(),
                "--answers", answers.toString());

        assertEquals(130, run.exitCode(), run.err());
        // The commands work as pasted: they name the endpoint this one was given (never a key), and the fetch
        // writes where this command would have written.
        String endpoint = " --endpoint " + wm.getHttpBaseUrl() + "/v1 --model gpt-4o-mini";
        assertTrue(run.err().contains("promptbench batch fetch " + state + " --wait" + endpoint + " --out " + results
                + " --answers " + answers + "\n"), run.err());
        assertTrue(run.err().contains("promptbench batch cancel " + state + endpoint + "\n"), run.err());
        assertTrue(!run.err().contains("sk-test-key"), run.err());
        assertEquals(0, wm.getWireMock().find(postRequestedFor(urlPathEqualTo("/v1/batches/batch_1/cancel"))).size(),
                "nothing cancelled");
        assertEquals("batch_1", JSON.readTree(state.toFile()).path("parts").path(0).path("batch_id").asText());
    }

    @Test
    void ctrlCDuringFetchWaitSaysHowToPickTheBatchesUp() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(3);
        stubBatch("batch_1", batchObject("batch_1", "in_progress", null, null, 3, 1, 0));
        ctrlCOnSleep = true;

        CliRun fetch = batch("fetch", state.toString(), "--wait");

        assertEquals(130, fetch.exitCode(), fetch.err());
        assertTrue(fetch.err().contains("interrupted; the batches keep running"), fetch.err());
        assertTrue(fetch.err().contains("promptbench batch fetch " + state + " --wait --endpoint " + wm.getHttpBaseUrl()
                + "/v1 --model gpt-4o-mini\n"), fetch.err());
        assertEquals(0, wm.getWireMock().find(postRequestedFor(urlPathEqualTo("/v1/batches/batch_1/cancel"))).size(),
                "nothing cancelled");
        assertEquals("in_progress", JSON.readTree(state.toFile()).path("parts").path(0).path("job").path("status")
                .asText(), "the state saved what the last poll saw");
    }

    @Test
    void fetchWritesAnswersInInputOrder() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(3);
        stubBatch("batch_1", batchObject("batch_1", "completed", "file-out", "file-err", 3, 2, 1));
        stubContent("file-out", resource("output-lines.jsonl"));
        stubContent("file-err", resource("error-lines.jsonl"));
        Path answers = dir.resolve("answers.jsonl");

        CliRun fetch = batch("fetch", state.toString(), "--answers", answers.toString());

        assertEquals(1, fetch.exitCode(), fetch.err());
        List<String> rows = Files.readAllLines(answers);
        assertEquals(3, rows.size());
        JsonNode first = JSON.readTree(rows.get(0));
        assertEquals("line-1", first.path("id").asText());
        assertEquals("prompt 1", first.path("prompt").asText());
        assertEquals("Answer one", first.path("answer").asText());
        assertEquals(10, first.path("prompt_tokens").asInt());
        assertEquals("error", JSON.readTree(rows.get(2)).path("status").asText());
        assertEquals("Invalid value for 'temperature'.", JSON.readTree(rows.get(2)).path("error").asText());
    }

    @Test
    void submitAndFetchATemplateOverCsvVariables() throws Exception {
        stubUploadAndCreate("batch_1");
        Path template = dir.resolve("t.txt");
        Files.writeString(template, "Summarise {{topic}}.");
        Path vars = dir.resolve("vars.csv");
        Files.writeString(vars, "id,topic\nline-1,tides\nline-2,bees\n");
        Path state = dir.resolve("s.batch.json");

        CliRun submit = batch("submit", vars.toString(), "--template", template.toString(), "--state",
                state.toString());

        assertEquals(0, submit.exitCode(), submit.err());
        JsonNode line = JSON.readTree(Files.readAllLines(dir.resolve("s.batch.parts/part-0001.jsonl")).get(1));
        assertEquals("line-2", line.path("custom_id").asText());
        assertEquals("Summarise bees.", line.path("body").path("messages").path(0).path("content").asText());
        stubBatch("batch_1", batchObject("batch_1", "completed", "file-out", null, 2, 2, 0));
        stubContent("file-out", resource("output-lines.jsonl"));
        Path answers = dir.resolve("a.csv");
        CliRun fetch = batch("fetch", state.toString(), "--answers", answers.toString());
        assertEquals(0, fetch.exitCode(), fetch.err());
        assertTrue(Files.readString(answers).contains("Summarise tides."), Files.readString(answers));
    }

    /** Issue 13: 'report' reads a batch's results file through the one aggregator; what a batch does not time is unknown. */
    @Test
    void reportSummarisesABatchRunWithItsPartsAndNoMadeUpLatency() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(3);
        stubBatch("batch_1", batchObject("batch_1", "completed", "file-out", "file-err", 3, 2, 1));
        stubContent("file-out", resource("output-lines.jsonl"));
        stubContent("file-err", resource("error-lines.jsonl"));
        Path results = dir.resolve("r.jsonl");
        assertEquals(1, batch("fetch", state.toString(), "--out", results.toString()).exitCode());

        CliRun table = cli(Map.of(), List.of("report", results.toString()));
        assertEquals(0, table.exitCode(), table.err());
        String batchRow = table.out().lines().filter(l -> l.startsWith("batch ")).findFirst().orElseThrow();
        assertTrue(batchRow.contains("2m 20s"), "wall from the submission to the part's end: " + table.out());
        assertTrue(table.out().contains("in_progress"), "the parts' table: " + table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("1 ") && l.contains("batch_1")
                && l.contains("completed") && l.contains("+20s") && l.contains("+25s") && l.contains("+2m20s")),
                table.out());

        CliRun json = cli(Map.of(), List.of("report", results.toString(), "--format", "json"));
        assertEquals(0, json.exitCode(), json.err());
        JsonNode mode = JSON.readTree(json.out()).path("modes").path("batch");
        assertEquals(3, mode.path("requests").asInt(), json.out());
        assertEquals(2, mode.path("ok").asInt(), json.out());
        assertEquals(1, mode.path("errors").asInt(), json.out());
        assertEquals(22, mode.path("tokens").path("prompt").asInt(), json.out());
        assertEquals(5, mode.path("tokens").path("completion").asInt(), json.out());
        assertEquals(140_000, mode.path("wall_ms").asDouble(), 1e-9, json.out());
        assertTrue(mode.path("latency_ms").path("p50").isNull() && mode.path("latency_ms").path("max").isNull(),
                "a batch has no per-request latency: unknown, not 0: " + json.out());

        Path html = dir.resolve("r.html");
        CliRun page = cli(Map.of(), List.of("report", results.toString(), "--html", html.toString()));
        assertEquals(0, page.exitCode(), page.err());
        String markup = Files.readString(html);
        assertTrue(markup.contains("Batch parts"), markup);
        assertTrue(markup.contains("class=\"seg in_progress\""), "the part's timeline");
        assertTrue(markup.contains("class=\"end completed\""), "how it ended");
    }

    /** Issue 13: a batch's answers are priced like a run's, at the Batch API's discount, and every output shows it. */
    @Test
    void fetchPricesEachAnswerAtTheBatchDiscountAndTheReportShowsItsParts() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(3, "--max-tokens", "50");
        stubBatch("batch_1", batchObject("batch_1", "completed", "file-out", "file-err", 3, 2, 1));
        stubContent("file-out", resource("output-lines.jsonl"));
        stubContent("file-err", resource("error-lines.jsonl"));
        Path results = dir.resolve("r.jsonl");
        assertEquals(1, batch("fetch", state.toString(), "--out", results.toString()).exitCode());

        // gpt-4o-mini-2024-07-18 at the built-in list price (0.15 in, 0.60 out per 1M), half price in a batch
        List<JsonNode> requests = records(results, "request");
        assertEquals((10 * 0.15 + 2 * 0.60) / 1e6 * 0.5, requests.get(0).path("cost").asDouble(), 1e-15);
        assertEquals((12 * 0.15 + 3 * 0.60) / 1e6 * 0.5, requests.get(1).path("cost").asDouble(), 1e-15);
        assertTrue(requests.get(2).path("cost").isNull(), "an error has no cost: " + requests.get(2));
        JsonNode config = records(results, "run").get(0).path("config");
        assertEquals("batch", config.path("mode").asText());
        assertEquals(50, config.path("max_tokens").asInt(), "the settings the lines were sent with");
        assertTrue(config.path("prices").asText().contains("OpenAI list prices"), config.toString());

        CliRun json = cli(Map.of(), List.of("report", results.toString(), "--format", "json"));
        assertEquals(0, json.exitCode(), json.err());
        JsonNode mode = JSON.readTree(json.out()).path("modes").path("batch");
        assertEquals(3.15e-6, mode.path("cost").path("total").asDouble(), 1e-12, json.out());
        assertEquals(2, mode.path("cost").path("priced").asInt(), json.out());
        JsonNode part = mode.path("parts").path(0);
        assertEquals(1, mode.path("parts").size(), json.out());
        assertEquals("batch_1", part.path("batch_id").asText(), json.out());
        assertEquals("completed", part.path("status").asText());
        assertEquals(3, part.path("prompts").asInt());
        assertEquals(2, part.path("completed").asInt());
        assertEquals(1, part.path("failed").asInt());
        assertEquals("2025-12-03T05:33:25Z", part.path("in_progress_at").asText());
        assertTrue(part.path("finalizing_at").isNull() && part.path("finalizing_ms").isNull(),
                "a time the service did not give is unknown: " + part);
        assertEquals(140_000, part.path("ended_ms").asLong(), "from the submission: " + part);

        CliRun table = cli(Map.of(), List.of("report", results.toString()));
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("mode") && l.contains("cost/1k")), table.out());
        assertTrue(table.out().contains("OpenAI list prices"), "the legend names the prices: " + table.out());
    }

    /** Issue 13: fetch prints the table 'report' prints for the file it wrote: one code path, not a copy. */
    @Test
    void fetchPrintsTheTableReportPrintsForItsFile() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(3);
        stubBatch("batch_1", batchObject("batch_1", "completed", "file-out", "file-err", 3, 2, 1));
        stubContent("file-out", resource("output-lines.jsonl"));
        stubContent("file-err", resource("error-lines.jsonl"));
        Path results = dir.resolve("r.jsonl");

        CliRun fetch = batch("fetch", state.toString(), "--out", results.toString());
        CliRun report = cli(Map.of(), List.of("report", results.toString()));

        assertEquals(1, fetch.exitCode(), fetch.err());
        assertEquals(report.out() + "results: " + results + System.lineSeparator(), fetch.out());
        assertTrue(fetch.out().contains("cost/1k") && fetch.out().contains("in_progress"),
                "figures, cost and parts: " + fetch.out());
    }

    /** A byte-order mark before the first line is read past; a line cut after its custom_id is that prompt's error. */
    @Test
    void aByteOrderMarkIsSkippedAndABrokenLineIsAnErrorOrNotJoined() throws Exception {
        stubUploadAndCreate("batch_1");
        Path state = submit(3);
        stubBatch("batch_1", batchObject("batch_1", "completed", "file-out", null, 3, 3, 0));
        List<String> lines = resource("output-lines.jsonl").lines().toList();
        String cut = lines.get(0).replace("\"line-2\"", "\"line-3\"");
        stubContent("file-out", "\uFEFF" + lines.get(0) + "\n" + lines.get(1) + "\nnot json at all\n"
                + cut.substring(0, cut.indexOf("\"response\"") + 20) + "\n");
        Path results = dir.resolve("r.jsonl");

        CliRun fetch = batch("fetch", state.toString(), "--out", results.toString());

        assertEquals(1, fetch.exitCode(), fetch.err());
        List<JsonNode> requests = records(results, "request");
        assertEquals("Answer two", requests.get(1).path("answer").asText(), "the first line, after its BOM");
        assertEquals("Answer one", requests.get(0).path("answer").asText());
        assertEquals("error", requests.get(2).path("status").asText(), requests.get(2).toString());
        assertTrue(requests.get(2).path("error").path("message").asText().contains("not JSON"), requests.get(2).toString());
        assertTrue(fetch.err().contains("output file line 3: not JSON"), fetch.err());
    }
}
