package dev.promptbench.report;

import static dev.promptbench.report.html.ResultsFixture.byAttribute;
import static dev.promptbench.report.html.ResultsFixture.byClass;
import static dev.promptbench.report.html.ResultsFixture.header;
import static dev.promptbench.report.html.ResultsFixture.modeSection;
import static dev.promptbench.report.html.ResultsFixture.parse;
import static dev.promptbench.report.html.ResultsFixture.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.cli.Main;
import dev.promptbench.report.html.ResultsFixture;
import dev.promptbench.report.html.ResultsFixture.Request;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The HTML report of an adaptive run (the limit's steps) and of a sweep (figures against concurrency). */
class HtmlReportAdaptiveSweepTest {

    @TempDir
    Path dir;

    @Test
    void limitRecordsDrawAStepLineWithOnePointPerChange() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(header("compare", 8, false));
        lines.add(Request.ok("sequential", 0, 0, 0, 100).line());
        lines.add(summary("sequential", 0, 1, 100, 1, 0));
        for (int i = 0; i < 6; i++) lines.add(Request.ok("parallel", i, i % 4, i * 50, i * 50 + 300).line());
        lines.add(limit("parallel", 0, 40, 5, "slow start"));
        lines.add(limit("parallel", 0, 120, 6, "slow start"));
        lines.add(limit("parallel", 0, 260, 3, "429 <backoff>"));
        lines.add(limit("parallel", 1, 10, 2, "another repeat: not drawn"));
        lines.add(summary("parallel", 0, 8, 600, 6, 0));
        Document page = parse(render(lines));

        Element parallel = modeSection(page, "parallel");
        List<Element> steps = byClass(parallel, "limit-steps");
        assertEquals(1, steps.size());
        assertEquals("3", steps.get(0).getAttribute("data-points"));
        List<Element> points = byClass(parallel, "limit-point");
        assertEquals(List.of("5", "6", "3"), points.stream().map(p -> p.getAttribute("data-limit")).toList());
        assertTrue(points.get(2).getTextContent().contains("limit 3 (429 <backoff>)"), points.get(2).getTextContent());
        String d = byClass(parallel, "limit-step").get(0).getAttribute("d");
        assertTrue(d.matches("M[\\d.]+ [\\d.]+(H[\\d.]+V[\\d.]+){2}H[\\d.]+"), d);
        // Later limits sit higher: a larger limit is a smaller y.
        double y5 = Double.parseDouble(points.get(0).getAttribute("cy"));
        double y6 = Double.parseDouble(points.get(1).getAttribute("cy"));
        double y3 = Double.parseDouble(points.get(2).getAttribute("cy"));
        assertTrue(y6 < y5 && y5 < y3, y5 + " " + y6 + " " + y3);
        assertTrue(byClass(parallel, "limit").size() == 1, "the worker limit stays dashed");

        Element sequential = modeSection(page, "sequential");
        assertEquals(0, byClass(sequential, "limit-steps").size());
    }

    @Test
    void aSweepDrawsThroughputAndP95AgainstConcurrencyWithTheKnee() throws Exception {
        // 10, 20, 40 then 42 req/s: going from 4 to 8 threads adds 5%, so the knee is 4.
        int[] threads = {1, 2, 4, 8};
        double[] walls = {10_000, 5_000, 2_500, 100_000 / 42.0};
        List<String> lines = new ArrayList<>();
        lines.add(header("sweep", 8, false));
        for (int s = 0; s < threads.length; s++) {
            lines.add("{\"type\":\"sweep_step\",\"threads\":" + threads[s] + ",\"requests\":100}");
            for (int i = 0; i < 3; i++) lines.add(Request.ok("parallel", i, i % threads[s], i * 10, i * 10 + 90).line());
            lines.add(summary("parallel", 0, threads[s], walls[s], 100, 0,
                    new double[] {100, 150, 100 + 20 * s, 200, 250}));
        }
        Document page = parse(render(lines));
        Element root = page.getDocumentElement();

        List<Element> sweeps = byClass(root, "sweep");
        Element section = byAttribute(root, "section", "class", "sweep").get(0);
        assertEquals("4", section.getAttribute("data-steps"));
        assertEquals("4", section.getAttribute("data-knee"));
        for (String chart : List.of("throughput", "p95")) {
            Element svg = sweeps.stream().filter(e -> e.getTagName().equals("svg")
                    && e.getAttribute("class").contains(chart)).findFirst().orElseThrow();
            List<Element> points = byClass(svg, "point");
            assertEquals(List.of("1", "2", "4", "8"), points.stream().map(p -> p.getAttribute("data-threads")).toList());
            assertEquals(1, byClass(svg, "sweep-line").size());
            assertEquals(1, byClass(svg, "knee").size());
            assertEquals(List.of("4"), byClass(svg, "at-knee").stream().map(p -> p.getAttribute("data-threads")).toList());
        }
        Element throughput = sweeps.stream().filter(e -> e.getAttribute("class").contains("throughput")).findFirst()
                .orElseThrow();
        assertTrue(byClass(throughput, "point").get(3).getTextContent().contains("42.00 req/s"));
        Element p95 = sweeps.stream().filter(e -> e.getAttribute("class").contains("p95")).findFirst().orElseThrow();
        assertTrue(byClass(p95, "point").get(2).getTextContent().contains("140 ms"));

        List<Element> rows = byAttribute(root, "tr", "data-threads", "4");
        assertEquals(1, rows.size());
        assertEquals("knee", rows.get(0).getAttribute("class"));
        assertEquals(4, byClass(root, "steps").get(0).getElementsByTagName("tbody").item(0).getChildNodes().getLength());
        assertTrue(byClass(root, "knee-text").get(0).getTextContent().contains("going to 8 threads adds +5%"));
        // The steps share a mode name and restart their clocks: no per-mode timelines.
        assertEquals(0, byAttribute(root, "section", "data-mode", "parallel").size());
        assertEquals(0, byClass(root, "timeline").size());
    }

    @Test
    void sweepStepRecordsMakeASweepPageWhateverTheHeaderSays() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(header("parallel", 2, false));
        lines.add("{\"type\":\"sweep_step\",\"threads\":1,\"requests\":10}");
        lines.add(summary("parallel", 0, 1, 1000, 10, 0));
        lines.add("{\"type\":\"sweep_step\",\"threads\":2,\"requests\":10}");
        lines.add(summary("parallel", 0, 2, 500, 10, 2));
        Element root = parse(render(lines)).getDocumentElement();
        Element section = byAttribute(root, "section", "class", "sweep").get(0);
        assertEquals("2", section.getAttribute("data-steps"));
        assertEquals("1", section.getAttribute("data-knee"), "errors at 2 threads put the knee at 1");
    }

    @Test
    void sweepWritesItsHtmlReport() throws Exception {
        Path prompts = dir.resolve("p.txt");
        Files.writeString(prompts, "one\ntwo\n");
        Path html = dir.resolve("sweep.html");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"sweep", prompts.toString(), "--threads", "1,2", "--min-requests", "4",
                "--out", dir.resolve("s.jsonl").toString(), "--html", html.toString(), "--sim-ttft-median", "0ms",
                "--sim-token-delay", "0ms", "--no-warmup", "-q"},
                new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
        assertEquals(0, code, err.toString());
        Element root = parse(html).getDocumentElement();
        Element section = byAttribute(root, "section", "class", "sweep").get(0);
        assertEquals("2", section.getAttribute("data-steps"));
        assertEquals(2, byClass(root, "point").stream().filter(p -> p.getAttribute("data-threads").equals("1")).count());
        HtmlReportTest.assertSelfContained(html);
    }

    private static String limit(String mode, int repeat, double offsetMs, int limit, String reason) {
        return "{\"type\":\"limit\",\"mode\":\"" + mode + "\",\"repeat\":" + repeat + ",\"offset_ms\":" + offsetMs
                + ",\"limit\":" + limit + ",\"reason\":\"" + reason + "\"}";
    }

    private Path render(List<String> lines) throws Exception {
        Path results = ResultsFixture.write(Files.createTempFile(dir, "r", ".jsonl"), lines);
        Path html = dir.resolve(results.getFileName() + ".html");
        ResultsFixture.html(results, html);
        return html;
    }
}
