package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With {@code --repeat K} every percentile of a mode comes from one distribution, the requests of all K
 * repeats pooled, so p50 ≤ p90 ≤ p95 ≤ p99 ≤ max always holds and the output says where they come from.
 * (Before, p50 and p95 were medians over the repeats printed beside the median repeat's p90, p99 and max:
 * p95 above max.)
 */
class RepeatedPercentilesTest {
    private static final String REPEATED = "src/test/resources/golden/repeated/results.jsonl";

    @Test
    void everyPercentileOfARepeatedModeIsFromTheSamePooledDistribution() throws Exception {
        CliRun run = CliRun.of("report", REPEATED, "--format", "json", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode modes = new ObjectMapper().readTree(run.out()).path("modes");
        for (String mode : List.of("sequential", "parallel")) {
            JsonNode node = modes.path(mode);
            JsonNode latency = node.path("latency_ms");
            double previous = 0;
            for (String p : List.of("p50", "p90", "p95", "p99", "max")) {
                double value = latency.path(p).asDouble();
                assertTrue(value >= previous, mode + " " + p + " " + value + " is below the one before, " + previous
                        + ": " + latency);
                previous = value;
            }
            assertEquals("all_repeats", node.path("percentiles_over").asText(), mode + ": " + node);
            double highestMax = 0;
            long requests = 0;
            for (JsonNode repeat : node.path("repeats")) {
                highestMax = Math.max(highestMax, repeat.path("latency_ms").path("max").asDouble());
                requests += repeat.path("ok").asLong();
            }
            assertEquals(highestMax, latency.path("max").asDouble(), mode + ": the pooled max is the highest repeat's");
            assertEquals(3, node.path("repeats").size());
            assertTrue(requests > 0);
        }
    }

    @Test
    void theTableSaysThePercentilesArePooledAndNeverShowsP95AboveMax() {
        CliRun run = CliRun.of("report", REPEATED, "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("latency percentiles over the requests of all 3 repeats"), run.out());
    }
}
