package dev.promptbench.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.gate.ReportShape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A --baseline that does not compare and a JSON Pointer that reads nothing are refused before anything is sent. */
@WireMockTest
class GateBeforeRunTest {
    private static final String PATH = "/v1/chat/completions";
    private static final String COMPLETION = "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

    @TempDir
    Path dir;

    private WireMockRuntimeInfo wm;
    private Path prompts;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) throws Exception {
        this.wm = wm;
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(COMPLETION)));
        prompts = dir.resolve("p.txt");
        Files.writeString(prompts, "one\ntwo\n");
    }

    private CliRun run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", prompts.toString(), "--endpoint",
                wm.getHttpBaseUrl() + "/v1", "--model", "m", "--no-warmup", "--no-step-summary",
                "--out", dir.resolve("r" + System.nanoTime() + ".jsonl").toString()));
        args.addAll(List.of(extra));
        return CliRun.of(Map.of("OPENAI_API_KEY", "k"), args.toArray(String[]::new));
    }

    private void assertRefusedBeforeSending(CliRun run, String... expected) {
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        for (String text : expected) assertTrue(run.err().contains(text), "'" + text + "' in: " + run.err());
        assertEquals(0, wm.getWireMock().find(anyRequestedFor(anyUrl())).size(), "nothing may be sent");
    }

    @Test
    void aPointerToAModeThatDoesNotRun() {
        assertRefusedBeforeSending(run("--mode", "parallel", "--fail-if", "/modes/sequential/wall_ms>1000"),
                "/modes/sequential/wall_ms", "sequential", "--mode parallel");
        assertRefusedBeforeSending(run("--fail-if", "/modes/paralel/wall_ms>1000"), "'paralel'");
    }

    @Test
    void aPointerToAKeyThatIsNotThere() {
        assertRefusedBeforeSending(run("--fail-if", "/modes/parallel/latency_ms/p98>1000"), "'p98'", "p99");
        assertRefusedBeforeSending(run("--fail-if", "/modes/parallel/latency/p99>1000"), "'latency'");
        assertRefusedBeforeSending(run("--fail-if", "/speed>1"), "'speed'", "speedup");
        assertRefusedBeforeSending(run("--fail-if", "/modes/parallel/wall_ms/p99>1"), "wall_ms", "single value");
    }

    @Test
    void aPointerToAKeyThatNeedsAnotherFlag() {
        assertRefusedBeforeSending(run("--fail-if", "/modes/parallel/ttft_ms/p95>1000"), "ttft_ms", "--stream");
        assertRefusedBeforeSending(run("--mode", "parallel", "--fail-if", "/speedup<2"), "speedup", "compare");
        assertRefusedBeforeSending(run("--fail-if", "/modes/parallel/repeats/0/wall_ms>1"), "repeats", "--repeat");
    }

    @Test
    void pointersThatReadSomethingAreAccepted() {
        CliRun run = run("--fail-if", "/modes/parallel/latency_ms/p99>60000", "--fail-if",
                "/modes/sequential/errors_by_kind/timeout>0", "--fail-if", "/endpoint/model<0", "--fail-if",
                "/speedup<0", "--dry-run");
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.err().contains("promptbench: --fail-if"), run.err());
    }

    @Test
    void aBaselineThatDoesNotCompareIsRefusedBeforeSending() throws Exception {
        Path baseline = dir.resolve("base.json");
        Files.writeString(baseline, "{\"schema_version\":1,\"modes\":{\"parallel\":{}},\"endpoint\":{\"kind\":\"azure\","
                + "\"url\":\"https://x.openai.azure.com/openai/deployments/d/chat/completions\",\"deployment\":\"d\","
                + "\"model\":null},\"config\":{\"max_tokens\":null,\"stream\":false}}");
        assertRefusedBeforeSending(run("--baseline", baseline.toString(), "--fail-if", "p95>+20%"),
                "baseline", "endpoint.kind", "--allow-baseline-mismatch");

        CliRun allowed = run("--baseline", baseline.toString(), "--fail-if", "p95>+100000%",
                "--allow-baseline-mismatch");
        List<String> warnings = allowed.err().lines().filter(l -> l.startsWith("warning: baseline")).toList();
        assertEquals(1, warnings.size(), allowed.err());
        int firstRequest = allowed.err().indexOf("canary");
        assertTrue(allowed.err().indexOf(warnings.get(0)) < firstRequest, "warned before the run: " + allowed.err());
    }

    /** Every value a real run's JSON document holds is a pointer the check accepts: the check keeps up. */
    @Test
    void everyPointerOfARealDocumentIsAccepted() throws Exception {
        record Case(ReportShape shape, String... flags) {}
        for (Case c : List.of(
                new Case(new ReportShape(List.of("sequential", "parallel"), true, false, true), "--stream", "--repeat",
                        "2"),
                new Case(new ReportShape(List.of("parallel"), false, true, false), "--mode", "parallel", "--rate",
                        "50"))) {
            List<String> args = new ArrayList<>(List.of(c.flags()));
            args.addAll(List.of("--format", "json"));
            CliRun saved = run(args.toArray(String[]::new));
            assertEquals(0, saved.exitCode(), saved.err());
            List<String> pointers = new ArrayList<>();
            leaves(new ObjectMapper().readTree(saved.out()), "", pointers);
            assertTrue(pointers.size() > 50, pointers.toString());
            for (String pointer : pointers) {
                assertEquals(java.util.Optional.empty(), c.shape().problem(pointer), pointer);
            }
        }
    }

    private static void leaves(JsonNode node, String at, List<String> pointers) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                leaves(field.getValue(), at + "/" + field.getKey(), pointers);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) leaves(node.get(i), at + "/" + i, pointers);
        } else {
            pointers.add(at);
        }
    }
}
