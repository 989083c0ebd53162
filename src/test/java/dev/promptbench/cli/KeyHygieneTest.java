package dev.promptbench.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recognisable key must not appear in any byte promptbench produces: stdout, stderr, results file. */
@WireMockTest
class KeyHygieneTest {
    private static final String KEY = "sk-KEYGREP-0123456789abcdefKEYGREP";
    private static final String COMPLETION = "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

    @TempDir
    Path dir;

    private void assertNoKeyAnywhere(CliRun run, Path results) throws Exception {
        assertFalse(run.out().contains(KEY), "stdout: " + run.out());
        assertFalse(run.err().contains(KEY), "stderr: " + run.err());
        assertFalse(run.out().contains("KEYGREP") || run.err().contains("KEYGREP"), "a piece of the key leaked");
        if (Files.exists(results)) {
            String text = Files.readString(results, StandardCharsets.UTF_8);
            assertFalse(text.contains("KEYGREP"), "results file: " + text);
        }
    }

    private CliRun run(WireMockRuntimeInfo wm, Path results, String... extra) {
        String[] base = {"run", "prompts/sample.txt", "--endpoint", wm.getHttpBaseUrl() + "/v1", "--model", "m",
            "--threads", "2", "--out", results.toString(), "--no-warmup", "-v", "--retries", "1"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(Map.of("OPENAI_API_KEY", KEY), args);
    }

    @Test
    void aSucceedingRunShowsNoKey(WireMockRuntimeInfo wm) throws Exception {
        wm.getWireMock().register(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(COMPLETION)));
        Path results = dir.resolve("ok.jsonl");
        CliRun run = run(wm, results);
        assertEquals(0, run.exitCode(), run.err());
        assertNoKeyAnywhere(run, results);
    }

    @Test
    void aRejectedKeyShowsNoKey(WireMockRuntimeInfo wm) throws Exception {
        wm.getWireMock().register(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"invalid_api_key\",\"message\":\"Incorrect API key provided: "
                        + KEY + ".\"}}")));
        Path results = dir.resolve("401.jsonl");
        CliRun run = run(wm, results);
        assertEquals(4, run.exitCode(), run.err());
        assertNoKeyAnywhere(run, results);
    }

    @Test
    void failuresMidRunThatEchoTheKeyShowNoKey(WireMockRuntimeInfo wm) throws Exception {
        // The canary succeeds, then every request fails with a body that quotes the key.
        wm.getWireMock().register(post(urlPathEqualTo("/v1/chat/completions")).inScenario("s")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("failing")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(COMPLETION)));
        wm.getWireMock().register(post(urlPathEqualTo("/v1/chat/completions")).inScenario("s")
                .whenScenarioStateIs("failing").willReturn(aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"bad\",\"message\":\"key " + KEY + " is odd\"}}")));
        Path results = dir.resolve("fail.jsonl");
        CliRun run = run(wm, results);
        assertEquals(1, run.exitCode(), run.err());
        assertNoKeyAnywhere(run, results);
    }
}
