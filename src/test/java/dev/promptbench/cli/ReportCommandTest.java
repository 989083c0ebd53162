package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code promptbench report} rebuilds the run's own report from its results file, in every format. */
class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path prompts() throws Exception {
        Path file = dir.resolve("p.txt");
        Files.writeString(file, "one\ntwo, with a comma\nthree \"quoted\"\nfour\nfive\nsix\n");
        return file;
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        all.addAll(List.of("--sim-ttft-median", "0ms", "--sim-token-delay", "0ms", "--no-warmup"));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** The run's JSON with the start-up overhead unknown, as a report from the file has it (the process is gone). */
    private static JsonNode withoutOverhead(String json) throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(json);
        tree.putNull("overhead_ms");
        return tree;
    }

    /** Runs with --format json into results.jsonl, then reports that file as JSON: both trees must be equal. */
    private void assertJsonRoundTrip(String... args) throws Exception {
        Path results = dir.resolve("results.jsonl");
        List<String> all = new ArrayList<>(List.of(prompts().toString(), "--out", results.toString(), "--force",
                "--format", "json"));
        all.addAll(List.of(args));
        CliRun ran = run(all.toArray(String[]::new));
        assertEquals(0, ran.exitCode(), ran.err());
        CliRun reported = CliRun.of("report", results.toString(), "--format", "json");
        assertEquals(0, reported.exitCode(), reported.err());
        assertEquals(withoutOverhead(ran.out()), JSON.readTree(reported.out()));
        assertEquals("", reported.err(), "a complete file needs no notice");
    }

    @Test
    void jsonOfACompareRunIsTheRunsJson() throws Exception {
        assertJsonRoundTrip();
    }

    @Test
    void jsonOfThreeRepeatsIsTheRunsJson() throws Exception {
        assertJsonRoundTrip("--repeat", "3", "--order", "alternate");
    }

    @Test
    void jsonOfAnOpenLoopRunIsTheRunsJson() throws Exception {
        assertJsonRoundTrip("--mode", "parallel", "--rate", "50");
    }

    @Test
    void jsonOfAStreamedRunIgnoresItsWarmupRecords() throws Exception {
        assertJsonRoundTrip("--stream", "--warmup-requests", "2", "--order", "par-first");
        assertTrue(Files.readString(dir.resolve("results.jsonl")).contains("\"warmup\":true"),
                "the file holds warm-up records, and they were left out");
    }

    @Test
    void theTableRowsAreTheRunsTableRows() throws Exception {
        Path results = dir.resolve("r.jsonl");
        CliRun ran = run(prompts().toString(), "--out", results.toString());
        CliRun reported = CliRun.of("report", results.toString());
        assertEquals(0, reported.exitCode(), reported.err());
        assertEquals(ran.out().lines().limit(3).toList(), reported.out().lines().limit(3).toList());
    }

    @Test
    void markdownIsOneGithubTableWithARowPerMode() throws Exception {
        Path results = dir.resolve("r.jsonl");
        run(prompts().toString(), "--out", results.toString(), "--stream");
        CliRun reported = CliRun.of("report", results.toString(), "--format", "markdown");
        assertEquals(0, reported.exitCode(), reported.err());
        List<String> table = reported.out().lines().filter(l -> l.startsWith("|")).toList();
        assertEquals(4, table.size(), reported.out());
        int cells = cells(table.get(0)).size();
        assertTrue(cells >= 10, table.get(0));
        assertTrue(Pattern.matches("\\|(:?-{3,}:?\\|)+", table.get(1)), table.get(1));
        for (String row : table) assertEquals(cells, cells(row).size(), row);
        assertEquals("sequential", cells(table.get(2)).get(0));
        assertEquals("parallel", cells(table.get(3)).get(0));
        assertTrue(cells(table.get(0)).contains("ttft p50"));
        assertTrue(reported.out().contains("\n- speedup "), reported.out());
        // No blank line inside the table: GitHub would end it there.
        String out = reported.out();
        assertFalse(out.substring(out.indexOf(table.get(0)), out.indexOf(table.get(3))).contains("\n\n"));
    }

    @Test
    void csvHasAHeaderAndOneRowPerModeAndRepeat() throws Exception {
        Path results = dir.resolve("r.jsonl");
        CliRun ran = run(prompts().toString(), "--out", results.toString(), "--repeat", "3", "--format", "json");
        CliRun reported = CliRun.of("report", results.toString(), "--format", "csv");
        assertEquals(0, reported.exitCode(), reported.err());
        assertTrue(reported.out().endsWith("\r\n"), "RFC 4180 ends records with CRLF");
        List<List<String>> rows = Csv.parse(reported.out());
        List<String> header = rows.get(0);
        assertEquals(9, rows.size(), "header, then 3 repeats and the median for each of 2 modes");
        for (List<String> row : rows) assertEquals(header.size(), row.size());
        JsonNode json = JSON.readTree(ran.out());
        for (List<String> row : rows.subList(1, rows.size())) {
            String mode = row.get(header.indexOf("mode"));
            String repeat = row.get(header.indexOf("repeat"));
            JsonNode expected = repeat.equals("median") ? json.path("modes").path(mode)
                    : json.path("modes").path(mode).path("repeats").get(Integer.parseInt(repeat));
            assertEquals(expected.path("wall_ms").asDouble(), Double.parseDouble(row.get(header.indexOf("wall_ms"))));
            assertEquals(expected.path("latency_ms").path("p95").asDouble(),
                    Double.parseDouble(row.get(header.indexOf("latency_p95_ms"))));
            assertEquals(expected.path("requests").asLong(), Long.parseLong(row.get(header.indexOf("requests"))));
            String speedup = row.get(header.indexOf("speedup"));
            if (repeat.equals("median")) assertEquals(json.path("speedup").asDouble(), Double.parseDouble(speedup));
            else assertEquals("", speedup);
        }
    }

    @Test
    void runPrintsMarkdownAndCsvToo() throws Exception {
        CliRun markdown = run(prompts().toString(), "--out", dir.resolve("a.jsonl").toString(), "--format",
                "markdown");
        assertEquals(0, markdown.exitCode(), markdown.err());
        assertTrue(markdown.out().startsWith("### promptbench"), markdown.out());
        CliRun csv = run(prompts().toString(), "--out", dir.resolve("b.jsonl").toString(), "--format", "csv",
                "--mode", "parallel");
        assertEquals(0, csv.exitCode(), csv.err());
        List<List<String>> rows = Csv.parse(csv.out());
        assertEquals(2, rows.size());
        assertEquals("parallel", rows.get(1).get(0));
    }

    @Test
    void aLastLineCutShortIsIgnoredWithANotice() throws Exception {
        Path results = dir.resolve("r.jsonl");
        CliRun ran = run(prompts().toString(), "--out", results.toString(), "--format", "json");
        Files.writeString(results, "{\"type\":\"request\",\"mode\":\"seq", StandardOpenOption.APPEND);
        CliRun reported = CliRun.of("report", results.toString(), "--format", "json");
        assertEquals(0, reported.exitCode(), reported.err());
        assertEquals(withoutOverhead(ran.out()), JSON.readTree(reported.out()));
        assertTrue(reported.err().contains("cut short"), reported.err());
    }

    @Test
    void aStoppedRunIsRecomputedFromItsRequestRecords() throws Exception {
        Path results = dir.resolve("r.jsonl");
        run(prompts().toString(), "--out", results.toString());
        List<String> kept = Files.readAllLines(results).stream().filter(l -> !l.contains("\"type\":\"summary\""))
                .toList();
        Files.write(results, kept);
        CliRun reported = CliRun.of("report", results.toString(), "--format", "json");
        assertEquals(0, reported.exitCode(), reported.err());
        assertTrue(reported.err().contains("no summary record for sequential, parallel"), reported.err());
        JsonNode modes = JSON.readTree(reported.out()).path("modes");
        for (String mode : List.of("sequential", "parallel")) {
            assertEquals(6, modes.path(mode).path("requests").asInt());
            assertEquals(6, modes.path(mode).path("ok").asInt());
            assertTrue(modes.path(mode).path("wall_ms").asDouble() > 0);
            assertTrue(modes.path(mode).path("latency_ms").path("p50").isNumber());
        }
    }

    /**
     * A run killed outright (no Ctrl-C, so no not_run records): the prompts the header counts but no record
     * names are shown as not run, never left out, so a gate on the numbers cannot pass on part of a run.
     */
    @Test
    void aKilledRunCountsThePromptsWithoutARecordAsNotRun() throws Exception {
        Path results = dir.resolve("r.jsonl");
        run(prompts().toString(), "--out", results.toString(), "--mode", "parallel");
        List<String> lines = Files.readAllLines(results);
        List<String> kept = new ArrayList<>();
        int requests = 0;
        for (String line : lines) {
            if (line.contains("\"type\":\"summary\"")) continue;
            if (line.contains("\"type\":\"request\"") && requests++ >= 2) continue;
            kept.add(line);
        }
        Files.write(results, kept);

        CliRun reported = CliRun.of("report", results.toString(), "--format", "json");

        assertEquals(0, reported.exitCode(), reported.err());
        JsonNode parallel = JSON.readTree(reported.out()).path("modes").path("parallel");
        assertEquals(6, parallel.path("requests").asInt(), reported.out());
        assertEquals(2, parallel.path("ok").asInt(), reported.out());
        assertEquals(4, parallel.path("not_run").asInt(), reported.out());
        assertTrue(reported.err().contains("4 prompts of parallel have no record"), reported.err());
    }

    /**
     * A compare run stopped before its second mode began: that mode has no record at all, and the report
     * says it did not run rather than showing one mode as if the run had asked for no more.
     */
    @Test
    void aCompareRunStoppedBeforeItsSecondModeSaysThatModeDidNotRun() throws Exception {
        Path results = dir.resolve("r.jsonl");
        List<String> kept = Files.readAllLines(Path.of("src/test/resources/golden/compare/results.jsonl")).stream()
                .filter(line -> !line.contains("\"mode\":\"parallel\"")).toList();
        Files.write(results, kept);

        CliRun reported = CliRun.of("report", results.toString());

        assertEquals(0, reported.exitCode(), reported.err());
        assertTrue(reported.out().contains("parallel: did not run (the run stopped before it began)"),
                reported.out());
        CliRun json = CliRun.of("report", results.toString(), "--format", "json");
        assertEquals("[\"parallel\"]", JSON.readTree(json.out()).path("modes_not_run").toString(), json.out());
    }

    /**
     * A Batch API run has no workers and no timeouts of ours (the provider runs its requests): its report
     * says so with null and an empty cell, not "threads 1" and "timeout 0" (newcomer finding).
     */
    @Test
    void aBatchRunHasNoThreadsOrTimeouts() throws Exception {
        String batch = "src/test/resources/golden/batch/results.jsonl";
        CliRun json = CliRun.of("report", batch, "--format", "json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode report = JSON.readTree(json.out());
        for (JsonNode unknown : List.of(report.path("threads"), report.path("config").path("threads"),
                report.path("config").path("timeout_ms"), report.path("config").path("connect_timeout_ms"),
                report.path("modes").path("batch").path("threads"))) {
            assertTrue(unknown.isNull(), json.out());
        }
        // Nor does the Batch API say how often it retried a request, met a 429 or waited: unknown, not 0.
        for (String attempts : List.of("retries", "rate_limited", "retries_after_send", "wait_ms")) {
            assertTrue(report.path("modes").path("batch").path(attempts).isNull(), attempts + ": " + json.out());
        }
        List<List<String>> rows = Csv.parse(CliRun.of("report", batch, "--format", "csv").out());
        for (String column : List.of("threads", "retries", "rate_limited", "retries_after_send", "wait_ms")) {
            assertEquals("", rows.get(1).get(rows.get(0).indexOf(column)), column);
        }
        CliRun gated = CliRun.of("report", batch, "--fail-if", "retries>0");
        assertEquals(3, gated.exitCode(), "a gate on an unknown never passes: " + gated.err());
        assertTrue(gated.err().contains("the Batch API reports no retries or 429s of its requests"), gated.err());
    }

    @Test
    void aResumedRunIsRecomputedWithTheLastRecordOfEachPrompt() throws Exception {
        Path prompts = prompts();
        Path results = dir.resolve("r.jsonl");
        assertEquals(0, run(prompts.toString(), "--mode", "sequential", "--out", results.toString()).exitCode());
        // Keep the header and prompts 0, 1, 3, 5 (3 as an error): the resume re-runs 2, 3 and 4.
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            JsonNode record = JSON.readTree(line);
            String type = record.path("type").asText();
            if (type.equals("run")) kept.add(line);
            if (!type.equals("request")) continue;
            int index = record.path("index").asInt();
            if (index == 3) {
                kept.add(line.replace("\"status\":\"ok\"", "\"status\":\"error\"")
                        .replace("\"error\":null", "\"error\":{\"kind\":\"server_error\",\"code\":null,\"message\":\"x\"}"));
            } else if (index != 2 && index != 4) {
                kept.add(line);
            }
        }
        Files.write(results, kept);
        assertEquals(0, run(prompts.toString(), "--mode", "sequential", "--resume", results.toString()).exitCode());

        CliRun reported = CliRun.of("report", results.toString(), "--format", "json");
        assertEquals(0, reported.exitCode(), reported.err());
        assertTrue(reported.err().contains("was resumed"), reported.err());
        JsonNode sequential = JSON.readTree(reported.out()).path("modes").path("sequential");
        assertEquals(6, sequential.path("requests").asInt(), "the resumed part alone has 3");
        assertEquals(6, sequential.path("ok").asInt(), "the error of prompt 3 was superseded");
        assertEquals(0, sequential.path("errors").asInt());
    }

    @Test
    void htmlIsWrittenFromTheResultsFileAlone() throws Exception {
        Path results = dir.resolve("r.jsonl");
        run(prompts().toString(), "--out", results.toString(), "--mode", "parallel");
        Path html = dir.resolve("r.html");
        CliRun reported = CliRun.of("report", results.toString(), "--html", html.toString());
        assertEquals(0, reported.exitCode(), reported.err());
        String page = Files.readString(html);
        assertTrue(page.contains("parallel"), "the page shows the mode");
        assertTrue(reported.err().contains("html report: " + html), reported.err());
    }

    @Test
    void htmlIntoADirectoryIsAUsageError() throws Exception {
        Path results = dir.resolve("r.jsonl");
        run(prompts().toString(), "--out", results.toString(), "--mode", "parallel");
        CliRun reported = CliRun.of("report", results.toString(), "--html", dir.toString());
        assertEquals(2, reported.exitCode());
        assertTrue(reported.err().contains("is a directory"), reported.err());
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws Exception {
        Path prompts = prompts();
        Path results = dir.resolve("r.jsonl");
        run(prompts.toString(), "--out", results.toString(), "--mode", "parallel");
        List<String> lines = new ArrayList<>(Files.readAllLines(results));
        lines.set(2, lines.get(2).substring(0, 20));
        Path malformed = dir.resolve("malformed.jsonl");
        Files.write(malformed, lines);
        Path second = dir.resolve("two-runs.jsonl");
        Files.writeString(second, Files.readString(results) + Files.readString(results));
        Path headerOnly = dir.resolve("header-only.jsonl");
        Files.writeString(headerOnly, Files.readAllLines(results).get(0) + "\n");
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "");
        Path noHeader = dir.resolve("no-header.jsonl");
        Files.writeString(noHeader, "{\"type\":\"request\",\"mode\":\"parallel\"}\n");

        assertBad("no such file", dir.resolve("missing.jsonl"));
        assertBad("is a directory", dir);
        assertBad("not a promptbench results file", prompts);
        assertBad(malformed + ":3: not valid JSON", malformed);
        assertBad("second run header", second);
        assertBad("nothing to report", headerOnly);
        assertBad("empty, or not a promptbench results file", empty);
        assertBad("no run header", noHeader);
    }

    private static void assertBad(String expected, Path file) {
        CliRun reported = CliRun.of("report", file.toString());
        assertEquals(2, reported.exitCode(), reported.err());
        assertEquals("", reported.out());
        List<String> err = reported.err().lines().toList();
        assertEquals(1, err.size(), reported.err());
        assertTrue(err.get(0).startsWith("promptbench: ") && err.get(0).contains(expected), err.get(0));
    }

    /** The cells of a markdown table row, split on pipes that are not escaped. */
    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '\\' && i + 1 < row.length()) {
                cell.append(row.charAt(++i));
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }
}
