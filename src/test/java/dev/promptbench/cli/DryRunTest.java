package dev.promptbench.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --dry-run sends nothing and says what a run would send and cost. */
@WireMockTest
class DryRunTest {
    @TempDir
    Path dir;

    @Test
    void sendsNothingAndCountsRequestsTokensAndCost(WireMockRuntimeInfo wm) throws Exception {
        Path config = dir.resolve("pb.yaml");
        Files.writeString(config, "profiles:\n  paid:\n    provider: openai\n    url: " + wm.getHttpBaseUrl()
                + "/v1\n    model: m\n    key_env: TEST_KEY\n    price: {input_per_1m: 1000000, output_per_1m: 2000000}\n");
        Path out = dir.resolve("r.jsonl");
        CliRun run = CliRun.of(Map.of("TEST_KEY", "k"), "run", "prompts/sample.txt", "--config", config.toString(),
                "--profile", "paid", "--max-tokens", "10", "--dry-run", "--out", out.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(0, wm.getWireMock().find(anyRequestedFor(anyUrl())).size(), "nothing reached the server");
        assertTrue(!Files.exists(out), "no results file");
        assertTrue(run.out().contains("in all: 9 requests"), run.out());
        assertTrue(run.out().contains("completion tokens: at most 81"), run.out()); // 8 x 10 + the canary's 1
        // At one unit per prompt token, the prompt cost equals the token count.
        String tokens = run.out().lines().filter(l -> l.startsWith("prompt tokens: ")).findFirst().orElseThrow()
                .replaceAll("prompt tokens: (\\d+).*", "$1");
        assertTrue(run.out().contains("cost: " + tokens + " for the prompts + at most 162 for the completions = at most "
                + (Long.parseLong(tokens) + 162)), run.out());
    }

    @Test
    void aMalformedPriceIsAConfigError() throws Exception {
        Path config = dir.resolve("pb.yaml");
        Files.writeString(config, "profiles:\n  paid:\n    provider: openai\n    url: http://127.0.0.1:9/v1\n"
                + "    model: m\n    price: 0.15\n");
        CliRun run = CliRun.of("run", "prompts/sample.txt", "--config", config.toString(), "--profile", "paid",
                "--dry-run");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("price"), run.err());
    }
}
