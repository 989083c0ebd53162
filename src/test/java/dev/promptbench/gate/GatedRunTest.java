package dev.promptbench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.report.JsonReporter;
import dev.promptbench.report.RunReport;
import dev.promptbench.report.SavedRun;
import dev.promptbench.results.RecordJson;
import dev.promptbench.results.request.Mode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The metric aliases read a run's statistics; a baseline is its saved {@code --format json} document read
 * back. Over every golden run, both must give every metric of every mode alike (to the document's rounding).
 */
class GatedRunTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("results.jsonl")))
                    .map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theRunAndItsSavedDocumentGiveEveryMetricAlike(String name) throws Exception {
        RunReport report = SavedRun.read(GOLDEN.resolve(name).resolve("results.jsonl")).report();
        GatedRun run = GatedRun.of(report);
        GatedRun saved = GatedRun.saved(saved(report));
        assertFalse(run.modes().isEmpty());
        assertEquals(run.modes().keySet(), saved.modes().keySet());
        int present = 0;
        for (Metric metric : Metric.values()) {
            for (Mode mode : metric.perMode() ? run.modes().keySet() : java.util.Set.of(Mode.PARALLEL)) {
                Target target = new Target.Alias(metric, metric.perMode() ? mode.wireName() : null);
                Reading live = target.read(run);
                Reading back = target.read(saved);
                String what = name + " " + target.label();
                assertEquals(live.present(), back.present(), what + ": " + live + " / " + back);
                if (!live.present()) {
                    assertEquals(live.problem(), back.problem(), what);
                    continue;
                }
                present++;
                assertNotNull(back.value(), what);
                assertEquals(live.value(), back.value(), 1e-3 * Math.max(1, Math.abs(live.value())), what);
            }
        }
        assertTrue(present > 0, name);
    }

    /** The report as {@code --format json} prints it, read back as a saved file is. */
    private static JsonNode saved(RunReport report) throws IOException {
        StringWriter text = new StringWriter();
        new JsonReporter().write(report, new PrintWriter(text));
        return RecordJson.MAPPER.readTree(text.toString());
    }
}
