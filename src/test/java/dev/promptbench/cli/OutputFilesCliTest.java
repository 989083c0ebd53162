package dev.promptbench.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never destroy a file: every output (--out, --html, --csv, --junit) follows one rule, checked before the
 * first request; the inputs are never written; a write that fails mid-run is reported and exits 5.
 */
@WireMockTest
class OutputFilesCliTest {
    private static final String PATH = "/v1/chat/completions";
    private static final String COMPLETION = "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";
    private static final String KEEP = "precious\n";

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
                wm.getHttpBaseUrl() + "/v1", "--model", "m", "--no-warmup", "--mode", "parallel",
                "--no-step-summary"));
        args.addAll(List.of(extra));
        return CliRun.of(Map.of("OPENAI_API_KEY", "k"), args.toArray(String[]::new));
    }

    private Path existing(String name) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, KEEP);
        return file;
    }

    private int requestsSent() {
        return wm.getWireMock().find(anyRequestedFor(anyUrl())).size();
    }

    /** Exit 2, one line naming what is wrong, no exception class, nothing sent. */
    private void assertRefused(CliRun run, String... expected) {
        assertEquals(2, run.exitCode(), run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), "one line: " + run.err());
        for (String word : expected) assertTrue(lines.get(0).contains(word), "'" + word + "' in: " + run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertEquals(0, requestsSent(), "nothing may be sent");
    }

    @Test
    void everyOutputRefusesAnExistingFileWithoutForce() throws Exception {
        for (String flag : List.of("--out", "--html", "--csv", "--junit")) {
            Path file = existing("taken" + flag.substring(2));
            CliRun run = run(flag, file.toString(), "--fail-if", "errors>0");
            assertRefused(run, flag, file.toString(), "--force");
            assertEquals(KEEP, Files.readString(file), flag);
        }
    }

    @Test
    void withForceAnExistingOutputIsReplaced() throws Exception {
        Path html = existing("r.html");
        Path csv = existing("r.csv");
        Path junit = existing("j.xml");
        Path out = existing("r.jsonl");
        CliRun run = run("--out", out.toString(), "--html", html.toString(), "--csv", csv.toString(),
                "--junit", junit.toString(), "--fail-if", "errors>0", "--force");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.readString(html).contains("<html"));
        assertTrue(Files.readString(csv).startsWith("mode,"));
        assertTrue(Files.readString(junit).contains("<testsuite"));
        assertTrue(Files.readString(out).startsWith("{\"type\":\"run\""));
    }

    @Test
    void thePromptFileIsNeverWrittenEvenWithForce() throws Exception {
        String before = Files.readString(prompts);
        for (String flag : List.of("--out", "--html", "--csv", "--junit")) {
            assertRefused(run(flag, prompts.toString(), "--fail-if", "errors>0", "--force"), flag, "prompt file");
            assertEquals(before, Files.readString(prompts), flag);
        }
        // Another spelling of the same file is the same file.
        assertRefused(run("--html", dir.resolve(".").resolve("p.txt").toString(), "--force"), "prompt file");
    }

    @Test
    void theBaselineIsNeverWrittenEvenWithForce() throws Exception {
        Path baseline = dir.resolve("base.json");
        String document = "{\"schema_version\":1,\"modes\":{\"parallel\":{}},\"endpoint\":{},\"config\":{}}";
        Files.writeString(baseline, document);
        assertRefused(run("--html", baseline.toString(), "--baseline", baseline.toString(),
                "--fail-if", "p95>+20%", "--force"), "--html", "--baseline");
        assertEquals(document, Files.readString(baseline));
    }

    @Test
    void theResumedFileIsOnlyAppendedTo() throws Exception {
        Path results = dir.resolve("r.jsonl");
        assertEquals(0, run("--out", results.toString()).exitCode());
        wm.getWireMock().resetRequests();
        byte[] before = Files.readAllBytes(results);
        assertRefused(run("--resume", results.toString(), "--csv", results.toString(), "--force"),
                "--csv", "--resume");
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(results));
    }

    @Test
    void twoOutputsNamingTheSameFileAreRefused() throws Exception {
        Path file = dir.resolve("same.txt");
        Files.createDirectory(dir.resolve("x"));
        assertRefused(run("--csv", file.toString(), "--html", dir.resolve("x/../same.txt").toString()),
                "--csv", "--html", "same file");
        assertFalse(Files.exists(file));
    }

    @Test
    void aMissingFolderOrADirectoryIsFoundBeforeTheFirstRequest() throws Exception {
        assertRefused(run("--html", dir.resolve("nowhere/r.html").toString()), "--html", "nowhere");
        assertRefused(run("--out", dir.resolve("nowhere/r.jsonl").toString()), "--out", "nowhere");
        assertRefused(run("--csv", dir.toString()), "--csv", "directory");
        assertRefused(run("--junit", dir.toString(), "--fail-if", "errors>0"), "--junit", "directory");
    }

    @Test
    void anUnwritableFolderIsFoundBeforeTheFirstRequest() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        assumeTrue(locked.toFile().setWritable(false, false) && !Files.isWritable(locked),
                "the file system (or root) ignores permissions here");
        try {
            assertRefused(run("--csv", locked.resolve("r.csv").toString()), "--csv", "not writable");
        } finally {
            locked.toFile().setWritable(true, false);
        }
    }

    @Test
    void aWriteThatFailsMidRunIsReportedAndTheOtherOutputsAreWritten() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs /dev/full (Linux)");
        Path out = dir.resolve("r.jsonl");
        Path html = dir.resolve("r.html");
        CliRun run = run("--out", out.toString(), "--csv", full.toString(), "--html", html.toString(), "--force");
        assertEquals(5, run.exitCode(), run.err());
        List<String> lines = run.err().lines().filter(l -> l.contains("--csv")).toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).contains("/dev/full"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertEquals(2, Files.readAllLines(out).stream().filter(l -> l.contains("\"type\":\"request\"")).count());
        assertTrue(Files.readString(html).contains("<html"));
        assertTrue(run.out().contains("parallel"), "the report is still printed: " + run.out());
    }

    @Test
    void sweepAndReportFollowTheSameRule() throws Exception {
        Path taken = existing("taken.jsonl");
        List<String> sweep = new ArrayList<>(List.of("sweep", prompts.toString(), "--endpoint",
                wm.getHttpBaseUrl() + "/v1", "--model", "m", "--no-warmup", "--threads", "1", "--min-requests", "1",
                "--yes"));
        sweep.addAll(List.of("--out", taken.toString()));
        assertRefused(CliRun.of(Map.of("OPENAI_API_KEY", "k"), sweep.toArray(String[]::new)), "--out", "--force");
        assertEquals(KEEP, Files.readString(taken));

        Path results = dir.resolve("r.jsonl");
        assertEquals(0, run("--out", results.toString()).exitCode());
        byte[] before = Files.readAllBytes(results);
        CliRun report = CliRun.of("report", results.toString(), "--html", results.toString(), "--force");
        assertEquals(2, report.exitCode(), report.err());
        assertTrue(report.err().contains("--html"), report.err());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(results));
        Path html = existing("old.html");
        assertEquals(2, CliRun.of("report", results.toString(), "--html", html.toString()).exitCode());
        assertEquals(KEEP, Files.readString(html));
    }
}
