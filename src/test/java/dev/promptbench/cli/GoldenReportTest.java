package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.gate.JUnitReporter;
import java.io.PrintWriter;
import java.io.StringWriter;
import dev.promptbench.gate.GatedRun;
import dev.promptbench.gate.Thresholds;
import dev.promptbench.report.RebuiltReport;
import dev.promptbench.report.SavedRun;
import dev.promptbench.stats.ModeSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: for each saved results file under {@code src/test/resources/golden/<case>/}, the exact
 * table, markdown, JSON, CSV, JUnit XML, HTML and notices that {@code promptbench report} produces from
 * it. The inputs were made once with the built-in simulator (see the README beside them) and are fixed;
 * only the outputs are compared. {@code -Dgolden.update=true} rewrites the expected files: a golden file
 * changes only in a commit whose message says why.
 */
class GoldenReportTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    /** Thresholds the JUnit golden file is made with: an alias, a count, the run-wide speedup, a JSON Pointer. */
    private static final List<String> THRESHOLDS = List.of("p95>2s", "error_rate>0%", "speedup<1.5",
            "/modes/parallel/tokens/completion<1");

    @TempDir
    Path dir;

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("results.jsonl")))
                    .map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportMatchesItsGoldenFiles(String name) throws Exception {
        Path caseDir = GOLDEN.resolve(name);
        Map<String, String> actual = outputs(caseDir.resolve("results.jsonl"));
        for (Map.Entry<String, String> output : actual.entrySet()) {
            Path expected = caseDir.resolve(output.getKey());
            if (UPDATE) {
                Files.writeString(expected, output.getValue(), StandardCharsets.UTF_8);
                continue;
            }
            assertTrue(Files.isRegularFile(expected), expected + " is missing: run with -Dgolden.update=true");
            assertEquals(Files.readString(expected, StandardCharsets.UTF_8), output.getValue(),
                    name + "/" + output.getKey());
        }
    }

    /**
     * Issue 13: an online run and a Batch API run of the same prompts at the same prices, side by side, in
     * every format {@code report A B} has.
     */
    @org.junit.jupiter.api.Test
    void sideBySideMatchesItsGoldenFiles() throws Exception {
        Path caseDir = GOLDEN.resolve("side-by-side");
        String online = caseDir.resolve("online.jsonl").toString();
        String batch = caseDir.resolve("batch.jsonl").toString();
        Map<String, String> actual = new LinkedHashMap<>();
        for (String[] output : new String[][] {{"table.txt", "table"}, {"markdown.md", "markdown"},
                {"report.json", "json"}, {"report.csv", "csv"}}) {
            CliRun run = CliRun.of("report", online, batch, "--format", output[1]);
            assertEquals(0, run.exitCode(), run.err());
            actual.put(output[0], run.out());
        }
        for (Map.Entry<String, String> output : actual.entrySet()) {
            Path expected = caseDir.resolve(output.getKey());
            if (UPDATE) {
                Files.writeString(expected, output.getValue(), StandardCharsets.UTF_8);
                continue;
            }
            assertTrue(Files.isRegularFile(expected), expected + " is missing: run with -Dgolden.update=true");
            assertEquals(Files.readString(expected, StandardCharsets.UTF_8), output.getValue(),
                    "side-by-side/" + output.getKey());
        }
    }

    /** Everything {@code report} produces from one results file, by golden file name. */
    private Map<String, String> outputs(Path results) throws Exception {
        Map<String, String> outputs = new LinkedHashMap<>();
        Path html = dir.resolve("report.html");
        boolean sweep = Files.readString(results).contains("\"type\":\"sweep_step\"");
        if (sweep) {
            CliRun run = CliRun.of("report", results.toString(), "--html", html.toString(), "--quiet");
            assertEquals(0, run.exitCode(), run.err());
            outputs.put("report.html", Files.readString(html));
            return outputs;
        }
        CliRun table = CliRun.of("report", results.toString(), "--html", html.toString());
        assertEquals(0, table.exitCode(), table.err());
        outputs.put("table.txt", table.out());
        outputs.put("notices.txt", table.err().replace(html.toString(), "<html>"));
        // A terminal 60 columns wide: the modes stacked and the lines under them broken between words.
        CliRun narrow = CliRun.of(Map.of("COLUMNS", "60"), "report", results.toString(), "--quiet");
        assertEquals(0, narrow.exitCode(), narrow.err());
        assertTrue(narrow.out().lines().allMatch(line -> line.length() <= 60 || !line.strip().contains(" ")),
                "every line within 60 columns, but a single word longer than that: " + narrow.out());
        outputs.put("table-60-columns.txt", narrow.out());
        outputs.put("markdown.md", format(results, "markdown"));
        outputs.put("report.json", format(results, "json"));
        outputs.put("report.csv", format(results, "csv"));
        outputs.put("junit.xml", junit(results));
        outputs.put("report.html", Files.readString(html));
        return outputs;
    }

    private static String format(Path results, String format) {
        CliRun run = CliRun.of("report", results.toString(), "--format", format, "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        return run.out();
    }

    /** The JUnit report of {@link #THRESHOLDS} on the reported run, timed as {@code run --junit} times it. */
    private static String junit(Path results) throws Exception {
        RebuiltReport rebuilt = SavedRun.read(results);
        StringWriter xml = new StringWriter();
        new JUnitReporter(Thresholds.parse(THRESHOLDS, false).evaluate(GatedRun.of(rebuilt.report()), null))
                .write(rebuilt.report(), new PrintWriter(xml));
        return xml.toString();
    }
}
