package dev.promptbench.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --service-tier, the tier each answer reports, reasoning and cached tokens, and cost, end to end over HTTP. */
@WireMockTest
class TierAndCostCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v1/chat/completions";

    @TempDir
    Path dir;

    /** A gpt-4o-mini answer served on {@code tier}: 2048 prompt tokens (1920 cached), 300 completion (256 reasoning). */
    private static String answer(String tier) {
        return "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\""
                + tier + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":2048,\"completion_tokens\":300,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1920},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":256}}}";
    }

    private CliRun run(WireMockRuntimeInfo wm, String... extra) throws Exception {
        return runModel(wm, "gpt-4o-mini", extra);
    }

    private CliRun runModel(WireMockRuntimeInfo wm, String model, String... extra) throws Exception {
        Path prompts = dir.resolve("p.txt");
        Files.writeString(prompts, "one\ntwo\nthree\n");
        List<String> args = new ArrayList<>(List.of("run", prompts.toString(), "--endpoint", wm.getHttpBaseUrl() + "/v1",
                "--model", model, "--mode", "parallel", "--threads", "1", "--out",
                dir.resolve("r.jsonl").toString(), "--no-warmup", "--no-canary", "--format", "json"));
        args.addAll(List.of(extra));
        return CliRun.of(Map.of("OPENAI_API_KEY", "k"), args.toArray(String[]::new));
    }

    @Test
    void theTierIsSentRecordedAndADowngradeCountedAndCostedAtTheServedTier(WireMockRuntimeInfo wm) throws Exception {
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).withRequestBody(equalToJson("{\"messages\":[{\"content\":"
                + "\"two\"}]}", true, true)).willReturn(json(answer("default"))));
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).atPriority(10).willReturn(json(answer("flex"))));

        CliRun run = run(wm, "--service-tier", "default", "--csv", dir.resolve("r.csv").toString());

        assertEquals(0, run.exitCode(), run.err());
        wm.getWireMock().verifyThat(3, postRequestedFor(urlPathEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.service_tier", com.github.tomakehurst.wiremock.client.WireMock
                        .equalTo("default"))));
        JsonNode parallel = JSON.readTree(run.out()).path("modes").path("parallel");
        assertEquals(2, parallel.path("served_tiers").path("flex").asLong(), run.out());
        assertEquals(1, parallel.path("served_tiers").path("default").asLong(), run.out());
        assertEquals(768, parallel.path("tokens").path("reasoning").asLong());
        assertEquals(5760, parallel.path("tokens").path("cached").asLong());
        assertEquals(0.8533, parallel.path("tokens").path("reasoning_share").asDouble());
        assertEquals(0.9375, parallel.path("tokens").path("cached_share").asDouble());
        // By hand, at gpt-4o-mini's list prices: 128 x 0.15 + 1920 x 0.075 + 300 x 0.60 per million, flex at half.
        double standard = (128 * 0.15 + 1920 * 0.075 + 300 * 0.60) / 1e6;
        assertEquals(standard + 2 * standard / 2, parallel.path("cost").path("total").asDouble(), 1e-12);
        assertEquals((standard * 2) / 3 * 1000, parallel.path("cost").path("per_1k_prompts").asDouble(), 1e-9);

        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("r.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode node = JSON.readTree(line);
            if (node.path("type").asText().equals("request")) records.add(node);
        }
        assertEquals(3, records.size());
        for (JsonNode r : records) {
            boolean flex = r.path("service_tier").asText().equals("flex");
            assertEquals(flex ? standard / 2 : standard, r.path("cost").asDouble(), 1e-12, r.toString());
            assertEquals(256, r.path("tokens").path("reasoning").asInt());
            assertEquals(1920, r.path("tokens").path("cached").asInt());
        }

        List<List<String>> rows = Csv.parse(Files.readString(dir.resolve("r.csv"), StandardCharsets.UTF_8));
        int tier = rows.get(0).indexOf("service_tier");
        assertEquals(2, rows.subList(1, rows.size()).stream().filter(r -> r.get(tier).equals("flex")).count(),
                "the per-request CSV names each answer's tier");

        CliRun table = CliRun.of("report", dir.resolve("r.jsonl").toString());
        assertTrue(table.out().contains("parallel: 2 answers served below the default tier asked (2 flex)"), table.out());
        assertTrue(table.out().contains("768 (85%)"), table.out());
        assertTrue(table.out().contains("OpenAI list prices of 2026-05-27"), table.out());
        assertTrue(table.out().contains("flex tier x0.5"), "the legend says what a flex answer is priced at: "
                + table.out());
    }

    @Test
    void aCostThresholdTripsAndAnUnpricedModelIsUnknownNotZero(WireMockRuntimeInfo wm) throws Exception {
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).willReturn(json(answer("default"))));

        CliRun over = run(wm, "--fail-if", "cost_per_1k>0.3");
        assertEquals(3, over.exitCode(), over.err());
        assertTrue(over.err().contains("cost_per_1k 0.3432") || over.out().contains("0.3432"), over.err());

        wm.getWireMock().resetMappings();
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).willReturn(json(answer("default")
                .replace("gpt-4o-mini-2024-07-18", "my-own-model"))));
        CliRun unknown = runModel(wm, "my-own-model", "--force");
        JsonNode cost = JSON.readTree(unknown.out()).path("modes").path("parallel").path("cost");
        assertTrue(cost.path("total").isNull(), unknown.out());
        assertEquals(3, cost.path("unpriced").asLong());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
