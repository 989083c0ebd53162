package dev.promptbench.report.html;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptbench.report.RunReport;
import dev.promptbench.report.SavedRun;
import dev.promptbench.results.ResultsFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Hand-written results-file lines and an XML view of the rendered page, for the HTML report tests. */
public final class ResultsFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsFixture() {}

    /**
     * Writes the HTML page of a saved run to {@code html} as {@code report --html} makes it: the report
     * rebuilt from the file, the page written by the HTML reporter.
     */
    public static void html(Path results, Path html) throws IOException, ResultsFileException {
        RunReport report = SavedRun.read(results).report();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(html, StandardCharsets.UTF_8))) {
            new HtmlReporter().write(report, out);
        }
    }

    /** A {@code run} header for a simulated run. */
    public static String header(String mode, int threads, boolean stream) {
        return header(mode, threads, stream, 3);
    }

    /** A {@code run} header for a simulated run of {@code prompts} prompts. */
    public static String header(String mode, int threads, boolean stream, int prompts) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "run");
        node.put("schema_version", 1);
        node.put("promptbench_version", "0.1.0");
        node.put("started_at", "2026-01-02T03:04:05.123Z");
        node.put("java", "17.0.15");
        node.put("os", "Linux amd64");
        node.put("cores", 8);
        node.put("prompt_file", "prompts.txt");
        node.put("prompt_file_sha256", "ab".repeat(32));
        node.put("prompts", prompts);
        node.put("simulated", true);
        ObjectNode endpoint = node.putObject("endpoint");
        endpoint.put("name", "simulator");
        endpoint.put("kind", "simulator");
        endpoint.put("url", "http://127.0.0.1:1/openai/deployments/sim/chat/completions");
        endpoint.put("deployment", "sim");
        endpoint.putNull("model");
        endpoint.put("protocol", "http/1.1");
        node.putArray("endpoints").add(endpoint.deepCopy());
        ObjectNode config = node.putObject("config");
        config.put("mode", mode);
        config.put("threads", threads);
        config.putNull("max_tokens");
        config.put("stream", stream);
        config.put("order", "seq-first");
        config.put("timeout_ms", 600_000);
        config.put("connect_timeout_ms", 10_000);
        return node.toString();
    }

    /** One request's timing and outcome. */
    public record Request(String mode, int index, String id, String status, String errorKind, int attempts,
                          int rateLimited, double waitMs, double startMs, double endMs, double latencyMs,
                          Double ttftMs, int lane, boolean warmup) {

        public static Request ok(String mode, int index, int lane, double startMs, double endMs) {
            return new Request(mode, index, "line-" + (index + 1), "ok", null, 1, 0, 0, startMs, endMs,
                    endMs - startMs, null, lane, false);
        }

        public Request withId(String newId) {
            return new Request(mode, index, newId, status, errorKind, attempts, rateLimited, waitMs, startMs, endMs,
                    latencyMs, ttftMs, lane, warmup);
        }

        public Request failed(String kind) {
            return new Request(mode, index, id, "error", kind, attempts, rateLimited, waitMs, startMs, endMs,
                    latencyMs, ttftMs, lane, warmup);
        }

        public Request withStatus(String newStatus) {
            return new Request(mode, index, id, newStatus, errorKind, attempts, rateLimited, waitMs, startMs, endMs,
                    latencyMs, ttftMs, lane, warmup);
        }

        /** Retried: the final attempt is the last {@code finalMs} of the bar. */
        public Request retried(int totalAttempts, int answered429, double waited, double finalMs) {
            return new Request(mode, index, id, status, errorKind, totalAttempts, answered429, waited, startMs, endMs,
                    finalMs, ttftMs, lane, warmup);
        }

        public Request streamed(double ttft) {
            return new Request(mode, index, id, status, errorKind, attempts, rateLimited, waitMs, startMs, endMs,
                    latencyMs, ttft, lane, warmup);
        }

        public Request asWarmup() {
            return new Request(mode, index, id, status, errorKind, attempts, rateLimited, waitMs, startMs, endMs,
                    latencyMs, ttftMs, lane, true);
        }

        public String line() {
            ObjectNode node = JSON.createObjectNode();
            node.put("type", "request");
            node.put("mode", mode);
            node.put("repeat", 0);
            node.put("index", index);
            node.put("id", id);
            if (warmup) node.put("warmup", true);
            node.put("status", status);
            if (errorKind == null) {
                node.putNull("error");
            } else {
                ObjectNode error = node.putObject("error");
                error.put("kind", errorKind);
                error.put("code", "500");
                error.put("message", "HTTP 500");
            }
            node.put("attempts", attempts);
            node.put("rate_limited", rateLimited);
            node.put("retries_after_send", 0);
            node.put("wait_ms", waitMs);
            boolean ran = !status.equals("not_run");
            node.put("start_offset_ms", ran ? startMs : 0);
            node.put("end_offset_ms", ran ? endMs : 0);
            node.put("latency_ms", ran ? latencyMs : 0);
            node.put("queue_ms", 0.01);
            if (ttftMs != null) node.put("ttft_ms", ttftMs);
            if (status.equals("ok") || status.equals("filtered")) {
                ObjectNode tokens = node.putObject("tokens");
                tokens.put("prompt", 20);
                tokens.put("completion", 80);
            } else {
                node.putNull("tokens");
            }
            node.put("lane", ran ? lane : -1);
            node.put("endpoint", "simulator");
            node.put("answer", "an answer");
            return node.toString();
        }
    }

    /** A {@code summary} record with the figures the comparison table shows. */
    public static String summary(String mode, int repeat, int threads, double wallMs, long requests, long errors) {
        return summary(mode, repeat, threads, wallMs, requests, errors, new double[] {100, 150, 180, 200, 250});
    }

    /** A {@code summary} record whose latency p50, p90, p95, p99 and max are {@code latency}. */
    public static String summary(String mode, int repeat, int threads, double wallMs, long requests, long errors,
                                 double[] latency) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "summary");
        node.put("mode", mode);
        node.put("repeat", repeat);
        node.put("threads", threads);
        node.put("wall_ms", wallMs);
        node.put("requests", requests);
        node.put("ok", requests - errors);
        node.put("errors", errors);
        node.put("filtered", 0);
        node.put("not_run", 0);
        node.put("requests_per_s", requests / (wallMs / 1000));
        ObjectNode percentiles = node.putObject("latency_ms");
        String[] names = {"p50", "p90", "p95", "p99", "max"};
        for (int i = 0; i < names.length; i++) percentiles.put(names[i], latency[i]);
        ObjectNode tokens = node.putObject("tokens");
        tokens.put("prompt", 20 * requests);
        tokens.put("completion", 80 * requests);
        node.put("completion_tokens_per_s", 80 * requests / (wallMs / 1000));
        ObjectNode kinds = node.putObject("errors_by_kind");
        if (errors > 0) kinds.put("server_error", errors);
        node.put("retries", 0);
        node.put("rate_limited", 0);
        node.put("retries_after_send", 0);
        node.put("wait_ms", 0.0);
        if (threads > 1) {
            node.put("lower_bound_ms", wallMs * 0.9);
            node.put("efficiency", 0.9);
        }
        return node.toString();
    }

    /** Writes the lines as a results file, one per line. */
    public static Path write(Path file, List<String> lines) throws IOException {
        Files.write(file, lines);
        return file;
    }

    /** The page parsed as XML: possible only because every element is closed and scripts are CDATA. */
    public static Document parse(Path html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setValidating(false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        try (InputStream in = Files.newInputStream(html)) {
            return builder.parse(in);
        }
    }

    /** Elements whose class list holds {@code name}, optionally under {@code within}. */
    public static List<Element> byClass(Element within, String name) {
        List<Element> found = new ArrayList<>();
        NodeList all = within.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            for (String c : e.getAttribute("class").split("\\s+")) {
                if (c.equals(name)) {
                    found.add(e);
                    break;
                }
            }
        }
        return found;
    }

    /** Elements with the tag and attribute value. */
    public static List<Element> byAttribute(Element within, String tag, String attribute, String value) {
        List<Element> found = new ArrayList<>();
        NodeList all = within.getElementsByTagName(tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getAttribute(attribute).equals(value)) found.add(e);
        }
        return found;
    }

    /** The one section of a mode's timeline. */
    public static Element modeSection(Document page, String mode) {
        List<Element> sections = byAttribute(page.getDocumentElement(), "section", "data-mode", mode);
        if (sections.size() != 1) throw new AssertionError(sections.size() + " sections for mode " + mode);
        return sections.get(0);
    }

    /** The JSON the page embeds for its canvases. */
    public static String embeddedData(String html) {
        int start = html.indexOf("window.PB_DATA = ");
        int end = html.indexOf(";\n//]]>", start);
        if (start < 0 || end < 0) throw new AssertionError("no embedded chart data");
        return html.substring(start + "window.PB_DATA = ".length(), end);
    }
}
