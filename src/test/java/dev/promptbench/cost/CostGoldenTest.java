package dev.promptbench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The cost of the golden results file {@code golden/priced} worked out by hand from its token counts, at
 * gpt-4o-mini's list prices as published (0.15 input, 0.075 cached input, 0.60 output per million; flex at
 * half), against each record's cost and the report's totals per mode.
 */
class CostGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/priced");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCostOfEveryRequestAndModeEqualsAHandComputation() throws Exception {
        Map<String, Double> byMode = new TreeMap<>();
        Map<String, Integer> answers = new TreeMap<>();
        for (String line : Files.readAllLines(GOLDEN.resolve("results.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode r = JSON.readTree(line);
            if (!r.path("type").asText().equals("request") || r.path("warmup").asBoolean()) continue;
            JsonNode tokens = r.path("tokens");
            long prompt = tokens.path("prompt").asLong();
            long cached = tokens.path("cached").asLong(0); // absent: nothing was read from the cache
            long completion = tokens.path("completion").asLong(); // reasoning tokens are among these
            double cost = ((prompt - cached) * 0.15 + cached * 0.075 + completion * 0.60) / 1e6;
            if (r.path("service_tier").asText().equals("flex")) cost /= 2;

            assertEquals(cost, r.path("cost").asDouble(), 1e-15, r.toString());
            byMode.merge(r.path("mode").asText(), cost, Double::sum);
            answers.merge(r.path("mode").asText(), 1, Integer::sum);
        }
        JsonNode modes = JSON.readTree(GOLDEN.resolve("report.json").toFile()).path("modes");
        assertEquals(Map.of("parallel", 6, "sequential", 6), answers);
        for (Map.Entry<String, Double> mode : byMode.entrySet()) {
            JsonNode cost = modes.path(mode.getKey()).path("cost");
            assertEquals(mode.getValue(), cost.path("total").asDouble(), 1e-12, mode.getKey());
            assertEquals(mode.getValue() / 6 * 1000, cost.path("per_1k_prompts").asDouble(), 1e-9, mode.getKey());
        }
    }
}
