package dev.promptbench.report;

import dev.promptbench.results.ResultsFileException;
import static dev.promptbench.report.html.ResultsFixture.byAttribute;
import static dev.promptbench.report.html.ResultsFixture.byClass;
import static dev.promptbench.report.html.ResultsFixture.header;
import static dev.promptbench.report.html.ResultsFixture.modeSection;
import static dev.promptbench.report.html.ResultsFixture.parse;
import static dev.promptbench.report.html.ResultsFixture.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptbench.cli.Main;
import dev.promptbench.report.html.ResultsFixture;
import dev.promptbench.report.html.ResultsFixture.Request;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The HTML report's structure, read back with the JDK's XML parser. */
class HtmlReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSimulatedCompareRunHasOneBarPerRequestAndOneLanePerWorker() throws Exception {
        Path prompts = dir.resolve("p.txt");
        Files.writeString(prompts, "one\ntwo\nthree\nfour\nfive\nsix\nseven\n");
        Path results = dir.resolve("r.jsonl");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"run", prompts.toString(), "--threads", "3", "--out", results.toString(),
                "--sim-ttft-median", "0ms", "--sim-token-delay", "0ms", "--no-warmup", "-q"},
                new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
        assertEquals(0, code, err.toString());

        Path html = dir.resolve("report.html");
        ResultsFixture.html(results, html);
        Document page = parse(html);

        for (String mode : List.of("sequential", "parallel")) {
            Element section = modeSection(page, mode);
            assertEquals("svg", section.getAttribute("data-form"));
            assertEquals(7, byClass(section, "bar").size(), mode + ": one bar per request");
            assertEquals(0, byClass(section, "error").size());
        }
        Element parallel = modeSection(page, "parallel");
        assertEquals("3", parallel.getAttribute("data-lanes"));
        assertEquals(List.of("w0", "w1", "w2"), texts(byClass(parallel, "lane-labels").get(0)));
        assertEquals(List.of("w0"), texts(byClass(modeSection(page, "sequential"), "lane-labels").get(0)));
        assertEquals(2, byAttribute(page.getDocumentElement(), "figure", "data-mode", "parallel").size()
                + byAttribute(page.getDocumentElement(), "figure", "data-mode", "sequential").size(),
                "a latency histogram per mode");
        assertEquals(2, byClass(page.getDocumentElement(), "inflight").stream()
                .filter(e -> e.getTagName().equals("svg")).count(), "requests in flight per mode");
        List<Element> rows = byClass(page.getDocumentElement(), "comparison");
        assertEquals(1, rows.size());
        assertEquals(2, rows.get(0).getElementsByTagName("tbody").item(0).getChildNodes().getLength());
        assertSelfContained(html);
    }

    @Test
    void errorsRetriesFirstTokensAndHoverTextAreDrawn() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(header("compare", 2, true));
        lines.add(Request.ok("sequential", 0, 0, 0, 300).withId("warm").asWarmup().line());
        lines.add(Request.ok("sequential", 0, 0, 10, 400).streamed(120).line());
        lines.add(Request.ok("sequential", 1, 0, 410, 900).failed("server_error").line());
        lines.add(Request.ok("sequential", 2, 0, 910, 1500).streamed(90).withStatus("filtered").line());
        lines.add(Request.ok("sequential", 3, 0, 0, 0).withStatus("not_run").line());
        lines.add(summary("sequential", 0, 1, 1490, 4, 1));
        lines.add(Request.ok("parallel", 0, 0, 5, 400).streamed(100).line());
        lines.add(Request.ok("parallel", 1, 1, 5, 1300).retried(3, 2, 500, 350).streamed(80).line());
        lines.add(Request.ok("parallel", 2, 0, 401, 700).failed("timeout").line());
        lines.add(Request.ok("parallel", 3, 0, 0, 0).withStatus("not_run").line());
        lines.add(summary("parallel", 0, 2, 1295, 4, 1));
        Path html = render(lines);
        Document page = parse(html);

        Element sequential = modeSection(page, "sequential");
        assertEquals(3, byClass(sequential, "bar").size(), "warm-up and not-run records are not drawn");
        List<Element> errors = byClass(sequential, "error");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).getAttribute("class").contains("bar"));
        assertTrue(errors.get(0).getTextContent().startsWith("line-2 — server_error"), errors.get(0).getTextContent());
        assertEquals(1, byClass(sequential, "filtered").size());
        assertEquals(2, byClass(sequential, "ttft").size(), "first token ticked on streamed successes");

        Element parallel = modeSection(page, "parallel");
        assertEquals(3, byClass(parallel, "bar").size());
        assertEquals(1, byClass(parallel, "error").size());
        List<Element> retries = byClass(parallel, "retry");
        assertEquals(1, retries.size(), "the retried part of the bar is drawn");
        String tip = byClass(parallel, "bar").stream().map(Element::getTextContent)
                .filter(t -> t.startsWith("line-2 ")).findFirst().orElseThrow();
        assertTrue(tip.contains("latency 350 ms"), tip);
        assertTrue(tip.contains("tokens 20 in, 80 out"), tip);
        assertTrue(tip.contains("3 attempts (2 answered 429), waited 500 ms"), tip);
        assertTrue(tip.contains("TTFT 80 ms"), tip);
        // The retried part is the bar minus the final attempt: 1295 - 350 = 945 ms of the bar.
        Element bar = byClass(parallel, "bar").stream().filter(e -> e.getTextContent().startsWith("line-2 "))
                .findFirst().orElseThrow();
        double barWidth = Double.parseDouble(bar.getAttribute("width"));
        double retryWidth = Double.parseDouble(retries.get(0).getAttribute("width"));
        assertEquals(945.0 / 1295, retryWidth / (barWidth + 0.7), 0.01);
        assertTrue(Files.readString(html).contains(">1.15×<"), "speedup = 1490 / 1295");
    }

    @Test
    void theHoverNamesARefusalAndTheCausesOfA429() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(header("parallel", 2, false));
        lines.add(Request.ok("parallel", 0, 0, 5, 400).line()
                .replace("\"answer\":\"an answer\"", "\"answer\":\"\",\"refusal\":\"I can't help.\""));
        lines.add(Request.ok("parallel", 1, 1, 5, 1300).retried(4, 3, 500, 350).line()
                .replace("\"wait_ms\"", "\"rate_limits\":{\"causes\":{\"token_rate\":2,\"capacity\":1}},\"wait_ms\""));
        lines.add(summary("parallel", 0, 2, 1295, 2, 0).replace("\"rate_limited\":0",
                "\"rate_limited\":3,\"rate_limited_by_cause\":{\"token_rate\":2,\"capacity\":1}"));
        Path html = render(lines);
        Document page = parse(html);

        Element parallel = modeSection(page, "parallel");
        List<String> tips = byClass(parallel, "bar").stream().map(Element::getTextContent).toList();
        assertTrue(tips.get(0).startsWith("line-1 — ok (refused by the model)"), tips.toString());
        String retried = tips.stream().filter(t -> t.startsWith("line-2 ")).findFirst().orElseThrow();
        assertTrue(retried.contains("4 attempts (3 answered 429: 2 token_rate, 1 capacity)"), retried);
        assertTrue(Files.readString(html).contains("1 refused"), "the mode's counts name the refusals");
        assertTrue(Files.readString(html).contains("title=\"429s by cause: 2 token_rate, 1 capacity\">3<"),
                "the comparison's 429s cell names their causes on hover");
    }

    @Test
    void bothModesAreDrawnOnOneTimeScale() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(header("compare", 4, false));
        for (int i = 0; i < 4; i++) lines.add(Request.ok("sequential", i, 0, i * 1000.0, i * 1000.0 + 990).line());
        lines.add(summary("sequential", 0, 1, 3990, 4, 0));
        for (int i = 0; i < 4; i++) lines.add(Request.ok("parallel", i, i, 0, 990).line());
        lines.add(summary("parallel", 0, 4, 990, 4, 0));
        Document page = parse(render(lines));

        Element sequential = byClass(modeSection(page, "sequential"), "timeline").get(1);
        Element parallel = byClass(modeSection(page, "parallel"), "timeline").get(1);
        assertEquals("svg", sequential.getTagName());
        assertEquals(sequential.getAttribute("viewBox").split(" ")[2], parallel.getAttribute("viewBox").split(" ")[2]);
        assertEquals(texts(byClass(sequential, "grid").get(0)), texts(byClass(parallel, "grid").get(0)),
                "the same time ticks in both modes");
        double sequentialEnd = rightEdge(byClass(sequential, "bar"));
        double parallelEnd = rightEdge(byClass(parallel, "bar"));
        double left = Double.parseDouble(byClass(sequential, "plot").get(0).getAttribute("x"));
        assertEquals(4.0, (sequentialEnd - left) / (parallelEnd - left), 0.05, "4 s against 1 s on one scale");
    }

    @Test
    void promptIdsAreEscapedInMarkupAndInEmbeddedJson() throws Exception {
        String nasty = "</script><img src=x onerror=alert(1)>&\"' ]]> \u0001";
        List<String> lines = new ArrayList<>();
        lines.add(header("parallel", 4, false));
        lines.add(Request.ok("parallel", 0, 0, 0, 100).withId(nasty).line());
        lines.add(summary("parallel", 0, 4, 100, 1, 0));
        Path small = render(lines);
        Document page = parse(small);
        assertEquals(0, page.getElementsByTagName("img").getLength());
        String title = byClass(modeSection(page, "parallel"), "bar").get(0).getTextContent();
        assertTrue(title.startsWith("</script><img src=x onerror=alert(1)>&\"' ]]> \uFFFD — ok"), title);
        assertFalse(Files.readString(small).contains("<img"));

        // Past the SVG limit ids travel as JSON inside a script: nothing there may close it.
        lines = new ArrayList<>();
        lines.add(header("parallel", 4, false));
        for (int i = 0; i < 6000; i++) {
            Request r = Request.ok("parallel", i, i % 4, i * 10.0, i * 10.0 + 38);
            lines.add((i == 17 ? r.withId(nasty) : r).line());
        }
        lines.add(summary("parallel", 0, 4, 60_000, 6000, 0));
        Path large = render(lines);
        Document canvasPage = parse(large);
        assertEquals("canvas", modeSection(canvasPage, "parallel").getAttribute("data-form"));
        String text = Files.readString(large, StandardCharsets.UTF_8);
        assertFalse(text.contains("<img"));
        assertEquals(2, count(text, "</script>"), "only the two scripts' own end tags");
        assertEquals(3, count(text, "]]>"), "only the CDATA ends of the style and the two scripts");
        JsonNode data = JSON.readTree(ResultsFixture.embeddedData(text));
        List<String> prefixes = new ArrayList<>();
        data.path("timeline-parallel").path("ids").path("prefixes").forEach(p -> prefixes.add(p.asText()));
        assertTrue(prefixes.contains(nasty), "the id survives the round trip through JSON: " + prefixes);
    }

    @Test
    void aFileWithoutARunHeaderIsAClearError() throws IOException {
        Path file = ResultsFixture.write(dir.resolve("x.jsonl"), List.of("{\"hello\":1}"));
        ResultsFileException e = assertThrows(ResultsFileException.class,
                () -> ResultsFixture.html(file, dir.resolve("x.html")));
        assertTrue(e.getMessage().contains("not a promptbench results file"), e.getMessage());
    }

    @Test
    void aLastLineCutShortByAKilledRunIsIgnored() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(header("parallel", 2, false));
        lines.add(Request.ok("parallel", 0, 0, 0, 100).line());
        lines.add(Request.ok("parallel", 1, 1, 0, 120).line());
        lines.add("{\"type\":\"request\",\"mode\":\"para");
        Document page = parse(render(lines));
        assertEquals(2, byClass(modeSection(page, "parallel"), "bar").size());
        assertTrue(page.getDocumentElement().getTextContent().contains("No summary records"));
    }

    private Path render(List<String> lines) throws Exception {
        Path results = ResultsFixture.write(Files.createTempFile(dir, "r", ".jsonl"), lines);
        Path html = dir.resolve(results.getFileName() + ".html");
        ResultsFixture.html(results, html);
        return html;
    }

    /** Nothing that a browser would fetch: no src or href attributes, no CSS url() other than #fragments. */
    static void assertSelfContained(Path html) throws Exception {
        String text = Files.readString(html, StandardCharsets.UTF_8);
        Document page = parse(html);
        NodeList all = page.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            for (String attribute : List.of("src", "href", "srcset", "xlink:href", "poster", "data")) {
                String value = e.getAttribute(attribute);
                assertTrue(value.isEmpty() || value.startsWith("#"), e.getTagName() + " " + attribute + "=" + value);
            }
            assertFalse(List.of("link", "img", "iframe", "object", "embed", "base").contains(e.getTagName()),
                    "no <" + e.getTagName() + ">");
        }
        Matcher urls = Pattern.compile("url\\(([^)]*)\\)").matcher(text);
        while (urls.find()) assertTrue(urls.group(1).trim().startsWith("#"), "url(" + urls.group(1) + ")");
        assertFalse(text.contains("@import"));
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?https?:").matcher(text).find());
    }

    private static List<String> texts(Element parent) {
        List<String> texts = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagName("text");
        for (int i = 0; i < nodes.getLength(); i++) texts.add(nodes.item(i).getTextContent());
        return texts;
    }

    private static double rightEdge(List<Element> bars) {
        double edge = 0;
        for (Element bar : bars) {
            edge = Math.max(edge, Double.parseDouble(bar.getAttribute("x")) + Double.parseDouble(bar.getAttribute("width")));
        }
        return edge;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) n++;
        return n;
    }
}
