package dev.promptbench.report.html;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.promptbench.report.RunReport;
import dev.promptbench.results.ResultsFileException;
import dev.promptbench.stats.ModeSummary;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML report as one self-contained page: run details and the comparison table, then per mode a
 * timeline and requests in flight on one shared time scale, then the latency histograms; for a sweep,
 * throughput and p95 latency against concurrency and the steps' table instead. The markup
 * is also well-formed XML (every element closed, scripts and styles in CDATA sections) so tests can
 * parse it with the JDK alone.
 */
public final class HtmlPage {

    private HtmlPage() {}

    /**
     * Reads {@code resultsFile} in one pass for the charts and writes the page to {@code out} (not closed).
     *
     * @param report the run's figures for the comparison table
     */
    static void write(Path resultsFile, RunReport report, Writer out) throws IOException, ResultsFileException {
        ScannedRun run = ResultsScan.read(resultsFile);
        if (run.isSweep()) renderSweep(run, SweepSection.of(run.sweep()), out);
        else if (run.isBatch()) renderBatch(run, report, out);
        else render(run, report, out);
    }

    static void renderSweep(ScannedRun run, SweepSection sweep, Writer out) throws IOException {
        RunDetails details = new RunDetails(run.header(), run.fileName());
        String file = run.header().prompts().file();
        head("promptbench · sweep " + sweep.range() + " · " + (file != null ? file : run.fileName()), out);
        out.write("<header><h1>promptbench <span class=\"muted\">· sweep " + Markup.text(sweep.range())
                + "</span></h1><p class=\"subtitle\">" + details.subtitle() + "</p>" + details.markup() + "</header>");
        // The steps share one mode name and restart their clocks, so per-mode timelines would overlay
        // unrelated runs: a sweep's page is its steps' figures alone.
        out.write("<main>" + sweep.markup() + "</main>");
        foot(run, Map.of(), out);
    }

    /** A Batch API run: its figures, then its parts on a timeline and in a table. */
    static void renderBatch(ScannedRun run, RunReport report, Writer out) throws IOException {
        RunDetails details = new RunDetails(run.header(), run.fileName());
        String file = run.header().prompts().file();
        head("promptbench · batch · " + (file != null ? file : run.fileName()), out);
        out.write("<header><h1>promptbench <span class=\"muted\">· batch</span></h1><p class=\"subtitle\">"
                + details.subtitle() + "</p>" + details.markup() + "</header>");
        out.write("<main><section class=\"summary\"><h2>Figures</h2>");
        ComparisonTable table = report == null ? null : new ComparisonTable(report);
        if (table == null || table.empty()) {
            out.write("<p class=\"note\">No request records: nothing to count.</p>");
        } else {
            out.write(table.markup());
            out.write(table.notes());
        }
        out.write("</section>");
        out.write(new BatchSection(run.batchParts(), run.header().startedAt()).markup());
        out.write("</main>");
        foot(run, Map.of(), out);
    }

    static void render(ScannedRun run, RunReport report, Writer out) throws IOException {
        ComparisonTable table = new ComparisonTable(report);
        RunDetails details = new RunDetails(run.header(), run.fileName());
        List<ModeTrace> traces = run.traces();
        double end = 0;
        for (ModeTrace t : traces) end = Math.max(end, t.maxEnd());
        Axis time = LaneLayout.timeAxis(end > 0 ? end * 1.01 : 1);
        Map<String, ChartData> data = new LinkedHashMap<>();

        head(title(run), out);
        out.write("<header><h1>promptbench <span class=\"muted\">· " + Markup.text(modesTitle(traces))
                + "</span></h1><p class=\"subtitle\">" + details.subtitle() + "</p>" + details.markup() + "</header>");

        out.write("<main><section class=\"summary\"><h2>Comparison</h2>");
        if (table.empty()) {
            out.write("<p class=\"note\">No summary records: the run did not finish. The charts below come from the "
                    + "request records written before it stopped.</p>");
        } else {
            if (!run.summarised()) {
                out.write("<p class=\"note\">No summary records: the run did not finish. The figures are recomputed "
                        + "from the request records written before it stopped.</p>");
            }
            out.write(table.markup());
            out.write(table.notes());
        }
        out.write("</section>");

        out.write("<section class=\"timelines\"><h2>Timeline</h2><p class=\"note\">Each mode on the same time scale "
                + "(from its own start): one lane per worker, one bar per request from its send to its last byte."
                + (run.repeats() > 1 ? " The first of " + run.repeats() + " repeats is drawn." : "")
                + (run.warmups() > 0 ? " " + Markup.count(run.warmups()) + " warm-up requests are not drawn." : "")
                + (run.resumed() ? " The run was resumed: requests of each session follow the previous one's." : "")
                + "</p>");
        out.write(legend(traces));
        for (ModeTrace trace : traces) {
            ModeSummary summary = table.first(trace.mode());
            int workers = Math.max(1, Math.max(trace.lanesSeen(), summary == null ? 0 : summary.threads()));
            String id = "timeline-" + trace.mode();
            TimelineChart timeline = new TimelineChart(trace, workers, time);
            InFlightChart inFlight = new InFlightChart(trace, time, workers);
            out.write("<section class=\"mode mode-" + Markup.text(trace.mode()) + "\" data-mode=\""
                    + Markup.text(trace.mode()) + "\" data-form=\"" + timeline.form() + "\" data-lanes=\"" + workers
                    + "\" data-requests=\"" + trace.ran() + "\">");
            out.write("<h3><span class=\"swatch\"></span>" + Markup.text(trace.mode()) + " <span class=\"counts\">· "
                    + workers + (workers == 1 ? " worker" : " workers") + " · " + counts(trace, summary) + "</span></h3>");
            if (trace.ran() == 0) {
                out.write("<p class=\"note\">No request of this mode ran.</p></section>");
                continue;
            }
            out.write("<figure class=\"timeline\">");
            out.write(timeline.markup(id));
            out.write("<figcaption>" + Markup.text(timeline.caption()) + "</figcaption></figure>");
            ChartData chart = timeline.data();
            if (chart != null) data.put(id, chart);
            out.write("<figure class=\"inflight\">");
            out.write(inFlight.markup());
            out.write("<figcaption>" + Markup.text(inFlight.caption()) + "</figcaption></figure></section>");
        }
        out.write("</section>");

        out.write("<section class=\"latency\"><h2>Latency</h2><p class=\"note\">Successful requests of each mode"
                + (run.repeats() > 1 ? " (first repeat)" : "") + ", on shared bins and a shared count scale; "
                + "dashed: p50 and p95.</p><div class=\"histograms\">");
        LatencyHistogram histogram = LatencyHistogram.shared(traces);
        for (ModeTrace trace : traces) {
            out.write("<figure class=\"histogram mode-" + Markup.text(trace.mode()) + "\" data-mode=\""
                    + Markup.text(trace.mode()) + "\"><h3><span class=\"swatch\"></span>" + Markup.text(trace.mode())
                    + " <span class=\"counts\">· " + Markup.count(trace.ok() + trace.filtered()) + " successful"
                    + (trace.errors() > 0 ? ", " + Markup.count(trace.errors()) + " errors not counted" : "")
                    + "</span></h3>");
            out.write(histogram.markup(trace));
            out.write("</figure>");
        }
        out.write("</div></section></main>");
        foot(run, data, out);
    }

    private static void head(String title, Writer out) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\" data-drawn=\"no\"><head><meta charset=\"utf-8\"/>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
                + "<meta name=\"color-scheme\" content=\"light dark\"/><title>");
        out.write(Markup.text(title));
        out.write("</title><style>/*<![CDATA[*/\n");
        out.write(PageStyle.CSS);
        out.write("/*]]>*/</style></head><body>");
        out.write("<svg class=\"defs\" aria-hidden=\"true\" focusable=\"false\"><defs><pattern id=\"pb-hatch\" "
                + "width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                + "<rect class=\"hatch-bg\" width=\"6\" height=\"6\"/><line class=\"hatch-line\" x1=\"1\" y1=\"0\" "
                + "x2=\"1\" y2=\"6\"/></pattern></defs></svg>");
    }

    private static void foot(ScannedRun run, Map<String, ChartData> data, Writer out) throws IOException {
        String version = run.header().version();
        out.write("<footer>Written by promptbench " + Markup.text(version == null ? "?" : version)
                + " from <code>" + Markup.text(run.fileName()) + "</code>. Self-contained: this page loads nothing "
                + "from the network.</footer>");
        out.write("<div id=\"pb-tip\" class=\"tip\" hidden=\"hidden\"></div>");
        out.write("<script>//<![CDATA[\nwindow.PB_DATA = ");
        writeData(data, out);
        out.write(";\n//]]></script><script>//<![CDATA[\n");
        out.write(PageScript.JS);
        out.write("//]]></script></body></html>\n");
        out.flush();
    }

    private static void writeData(Map<String, ChartData> data, Writer out) throws IOException {
        try (JsonGenerator json = ScriptJson.on(out)) {
            json.writeStartObject();
            for (Map.Entry<String, ChartData> chart : data.entrySet()) {
                json.writeFieldName(chart.getKey());
                chart.getValue().write(json);
            }
            json.writeEndObject();
        }
    }

    private static String title(ScannedRun run) {
        String file = run.header().prompts().file();
        return "promptbench · " + modesTitle(run.traces()) + " · " + (file != null ? file : run.fileName());
    }

    private static String modesTitle(List<ModeTrace> traces) {
        if (traces.isEmpty()) return "no requests";
        StringBuilder title = new StringBuilder();
        for (ModeTrace t : traces) title.append(title.length() == 0 ? "" : " vs ").append(t.mode());
        return title.toString();
    }

    private static String counts(ModeTrace trace, ModeSummary summary) {
        StringBuilder s = new StringBuilder();
        s.append(Markup.count(trace.ran())).append(trace.ran() == 1 ? " request" : " requests");
        if (summary != null) s.append(" · wall ").append(Markup.duration(summary.wallMs()));
        if (trace.errors() > 0) s.append(" · ").append(Markup.count(trace.errors())).append(" errors");
        if (trace.filtered() > 0) s.append(" · ").append(Markup.count(trace.filtered())).append(" filtered");
        if (trace.refusals() > 0) s.append(" · ").append(Markup.count(trace.refusals())).append(" refused");
        if (trace.retried() > 0) s.append(" · ").append(Markup.count(trace.retried())).append(" retried");
        if (trace.notRun() > 0) s.append(" · ").append(Markup.count(trace.notRun())).append(" not run");
        return s.toString();
    }

    private static String legend(List<ModeTrace> traces) {
        boolean streamed = traces.stream().anyMatch(ModeTrace::streamed);
        StringBuilder html = new StringBuilder("<ul class=\"legend\">");
        for (ModeTrace t : traces) {
            html.append("<li class=\"mode-").append(Markup.text(t.mode())).append("\">").append(swatch("key"))
                    .append(Markup.text(t.mode())).append(" ok</li>");
        }
        html.append("<li>").append(swatch("key error")).append("error</li>");
        html.append("<li>").append(swatch("key filtered")).append("filtered</li>");
        html.append("<li class=\"mode-parallel\"><svg class=\"key-icon\" viewBox=\"0 0 26 12\" aria-hidden=\"true\">")
                .append("<rect class=\"key\" x=\"0\" y=\"1\" width=\"26\" height=\"10\"/><rect class=\"retry\" x=\"0\" ")
                .append("y=\"1\" width=\"14\" height=\"10\"/></svg>retries and back-off</li>");
        if (streamed) {
            html.append("<li class=\"mode-parallel\"><svg class=\"key-icon\" viewBox=\"0 0 26 12\" aria-hidden=\"true\">")
                    .append("<rect class=\"key\" x=\"0\" y=\"1\" width=\"26\" height=\"10\"/><rect class=\"ttft\" ")
                    .append("x=\"8\" y=\"1\" width=\"1.5\" height=\"10\"/></svg>first token</li>");
        }
        return html.append("</ul>").toString();
    }

    private static String swatch(String css) {
        return "<svg class=\"key-icon\" viewBox=\"0 0 26 12\" aria-hidden=\"true\"><rect class=\"" + css
                + "\" x=\"0\" y=\"1\" width=\"26\" height=\"10\"/></svg>";
    }
}
