package dev.promptbench.report;

import static dev.promptbench.report.html.ResultsFixture.byClass;
import static dev.promptbench.report.html.ResultsFixture.modeSection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptbench.report.html.ResultsFixture;
import dev.promptbench.report.html.ResultsFixture.Request;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** 100,000 requests: drawn on a canvas from compact columns, in a file of a few megabytes. */
class HtmlReportLargeTest {
    private static final int REQUESTS = 100_000;
    private static final int WORKERS = 64;

    @TempDir
    Path dir;

    @Test
    void aHundredThousandRequestsRenderAsACanvasInAFewMegabytes() throws Exception {
        Path results = dir.resolve("big.jsonl");
        writeRun(results);
        Path html = dir.resolve("big.html");
        // Generous: it takes about a second; the bound only catches an accidental quadratic.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ResultsFixture.html(results, html));

        long size = Files.size(html);
        assertTrue(size < 5_000_000, size + " bytes");
        Document page = ResultsFixture.parse(html);
        Element parallel = modeSection(page, "parallel");
        assertEquals("canvas", parallel.getAttribute("data-form"));
        assertEquals(String.valueOf(WORKERS), parallel.getAttribute("data-lanes"));
        assertEquals(0, byClass(page.getDocumentElement(), "bar").size(), "no SVG element per request");
        assertEquals(1, ResultsFixture.byAttribute(parallel, "canvas", "data-chart", "timeline-parallel").size());

        JsonNode chart = new ObjectMapper().readTree(ResultsFixture.embeddedData(Files.readString(html,
                StandardCharsets.UTF_8))).path("timeline-parallel");
        assertEquals(REQUESTS, chart.path("n").asInt());
        for (String column : new String[] {"s", "d", "l", "k", "r", "y", "tok"}) {
            assertEquals(REQUESTS, chart.path(column).size(), column);
        }
        assertEquals(1, chart.path("ids").path("runs").size(), "line-1 … line-100000 is one run");
        assertTrue(chart.path("a").isArray(), "attempts travel when some request was retried");
    }

    /** Workers take prompts in turn, each request 20–80 ms, one in fifty an error, one in a hundred retried. */
    private static void writeRun(Path file) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        double[] free = new double[WORKERS];
        double wall = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(ResultsFixture.header("parallel", WORKERS, false));
            out.newLine();
            for (int i = 0; i < REQUESTS; i++) {
                int lane = 0;
                for (int w = 1; w < WORKERS; w++) if (free[w] < free[lane]) lane = w;
                double start = free[lane] + 0.05;
                double end = start + 20 + random.nextDouble() * 60;
                free[lane] = end;
                wall = Math.max(wall, end);
                Request r = Request.ok("parallel", i, lane, start, end);
                if (i % 50 == 7) r = r.failed("server_error");
                if (i % 100 == 3) r = r.retried(2, 1, 10, (end - start) / 2);
                out.write(r.line());
                out.newLine();
            }
            out.write(ResultsFixture.summary("parallel", 0, WORKERS, wall, REQUESTS, REQUESTS / 50));
            out.newLine();
        }
    }
}
