package dev.promptbench.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptbench.client.HttpsChatServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The negotiated HTTP version on the canary line, against WireMock's HTTPS port (Jetty offers h2). */
class Http2CliTest {
    private static final String H2_NOTE = "over h2 (all requests share one connection: the pool size does not limit"
            + " concurrency, the server's per-connection stream limit may)";

    @TempDir
    Path dir;

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(anyUrl()).willReturn(okJson(HttpsChatServer.COMPLETION)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private CliRun run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "prompts/sample.txt", "--endpoint",
                "https://127.0.0.1:" + server.httpsPort() + "/v1", "--model", "m", "--insecure", "--threads", "2",
                "--no-warmup", "--retries", "0", "--out", dir.resolve("results.jsonl").toString(), "--force"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void theCanarySaysH2AndWhatItMeansForConcurrency() {
        CliRun run = run();
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.err().contains(H2_NOTE), run.err());
    }

    @Test
    void http11ForcesHttp11() {
        CliRun run = run("--http1.1");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.err().contains("over http/1.1"), run.err());
        assertFalse(run.err().contains("over h2"), run.err());
    }
}
