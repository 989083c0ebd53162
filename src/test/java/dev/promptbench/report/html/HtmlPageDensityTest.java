package dev.promptbench.report.html;

import static dev.promptbench.report.html.ResultsFixture.byClass;
import static dev.promptbench.report.html.ResultsFixture.modeSection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptbench.report.html.ResultsFixture.Request;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Past the row limit a mode's timeline is folded into bins: bounded memory, every chart still drawn. */
class HtmlPageDensityTest {

    @TempDir
    Path dir;

    @Test
    void pastTheRowLimitTheTimelineBecomesAHeatMapOfEachWorker() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(ResultsFixture.header("compare", 8, false));
        for (int i = 0; i < 40; i++) lines.add(Request.ok("sequential", i, 0, i * 100.0, i * 100.0 + 95).line());
        lines.add(ResultsFixture.summary("sequential", 0, 1, 3995, 40, 0));
        for (int i = 0; i < 5000; i++) {
            Request r = Request.ok("parallel", i, i % 8, (i / 8) * 10.0, (i / 8) * 10.0 + 9.5);
            lines.add((i == 4321 ? r.failed("server_error") : r).line());
        }
        lines.add(ResultsFixture.summary("parallel", 0, 8, 6255, 5000, 1));
        Path results = ResultsFixture.write(dir.resolve("r.jsonl"), lines);

        ScannedRun run = ResultsScan.read(results, 1000);
        ModeTrace parallel = run.traces().get(1);
        assertFalse(parallel.detailed());
        assertEquals(0, parallel.size(), "the rows were dropped once folded");
        assertEquals(5000, parallel.ran());
        assertEquals(4999, parallel.latencies().getTotalCount(), "latencies of successes are all kept");
        assertTrue(run.traces().get(0).detailed(), "the small mode keeps its rows");
        long binned = 0;
        for (long c : LatencyHistogram.shared(run.traces()).counts(parallel)) binned += c;
        assertEquals(4999, binned);

        Path html = dir.resolve("r.html");
        try (Writer out = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
            HtmlPage.render(run, dev.promptbench.report.SavedRun.read(results).report(), out);
        }
        Document page = ResultsFixture.parse(html);
        Element section = modeSection(page, "parallel");
        assertEquals("density", section.getAttribute("data-form"));
        assertEquals(0, byClass(section, "bar").size());
        assertEquals(40, byClass(modeSection(page, "sequential"), "bar").size());
        assertEquals(1, byClass(section, "inflight-line").size());

        JsonNode chart = new ObjectMapper().readTree(ResultsFixture.embeddedData(Files.readString(html)))
                .path("timeline-parallel");
        assertEquals("density", chart.path("form").asText());
        assertEquals(8, chart.path("cells").size(), "one row of cells per worker");
        assertTrue(chart.path("cells").get(0).asText().matches("[0-9a-z]+"));
        int errors = 0;
        for (JsonNode bin : chart.path("errors")) errors += bin.asInt();
        assertEquals(1, errors);
    }

    @Test
    void theDensityKeepsEachWorkersBusyTimeAsItsBinsWiden() {
        LaneDensity density = new LaneDensity(100);
        density.add(0, 0, 50, false);
        density.add(1, 0, 1000, true);
        assertTrue(density.width() >= 1000.0 / LaneDensity.BINS);
        double lane0 = 0;
        double lane1 = 0;
        for (int b = 0; b < LaneDensity.BINS; b++) {
            lane0 += density.occupancy(0, b) * density.width();
            lane1 += density.occupancy(1, b) * density.width();
        }
        assertEquals(50, lane0, 1e-3);
        assertEquals(1000, lane1, 1e-3);
    }
}
