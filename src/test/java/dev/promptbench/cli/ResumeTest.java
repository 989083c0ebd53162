package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --resume runs exactly the prompts without an ok/filtered record and appends to the same file. */
class ResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        all.addAll(List.of("--sim-ttft-median", "0ms", "--sim-token-delay", "0ms", "--no-warmup"));
        return CliRun.of(all.toArray(String[]::new));
    }

    private Path prompts() throws Exception {
        Path file = dir.resolve("p.txt");
        Files.writeString(file, "one\ntwo\nthree\nfour\nfive\nsix\n");
        return file;
    }

    @Test
    void runsOnlyTheMissingPromptsAndToleratesACutLastLine() throws Exception {
        Path prompts = prompts();
        Path results = dir.resolve("r.jsonl");
        assertEquals(0, run(prompts.toString(), "--mode", "sequential", "--out", results.toString()).exitCode());

        // Keep the header and the records of prompts 0, 1, 3, 5; mark 3 as an error; cut the file mid-line.
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            JsonNode record = JSON.readTree(line);
            if (!record.path("type").asText().equals("request")) {
                if (record.path("type").asText().equals("run")) kept.add(line);
                continue;
            }
            int index = record.path("index").asInt();
            if (index == 3) kept.add(line.replace("\"status\":\"ok\"", "\"status\":\"error\""));
            else if (index != 2 && index != 4) kept.add(line);
        }
        Files.writeString(results, String.join("\n", kept) + "\n{\"type\":\"request\",\"mode\":\"seq",
                StandardCharsets.UTF_8);

        CliRun resumed = run(prompts.toString(), "--mode", "sequential", "--resume", results.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());

        List<JsonNode> after = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) after.add(JSON.readTree(line));
        int resumeAt = 0;
        while (!after.get(resumeAt).path("type").asText().equals("resume")) resumeAt++;
        List<Integer> rerun = after.subList(resumeAt, after.size()).stream()
                .filter(r -> r.path("type").asText().equals("request"))
                .map(r -> r.path("index").asInt()).sorted().toList();
        assertEquals(List.of(2, 3, 4), rerun);
        assertEquals(3, after.get(resumeAt).path("remaining").path("sequential").asInt());
        assertEquals("summary", after.get(after.size() - 1).path("type").asText());
    }

    /**
     * A batch's or a sweep's results file is not a run to finish: resuming one appended run records to it
     * (a sweep's header records no settings, so nothing was even compared). Refused, the file untouched.
     */
    @Test
    void refusesTheResultsOfABatchOrASweep() throws Exception {
        Path prompts = Files.copy(Path.of("src/test/resources/golden/prompts.txt"), dir.resolve("prompts.txt"));
        for (String kind : List.of("batch", "sweep")) {
            Path results = Files.copy(Path.of("src/test/resources/golden/" + kind + "/results.jsonl"),
                    dir.resolve(kind + ".jsonl"));
            byte[] before = Files.readAllBytes(results);

            CliRun resumed = run(prompts.toString(), "--resume", results.toString());

            assertEquals(2, resumed.exitCode(), resumed.err());
            assertEquals("promptbench: --resume " + results + ": the results of a " + kind + ", not of a run; "
                    + (kind.equals("batch") ? "'batch fetch STATE --retry-failed' sends its failed prompts again"
                    : "start a new sweep"), resumed.err().strip());
            assertArrayEquals(before, Files.readAllBytes(results));
        }
    }

    @Test
    void refusesWhenThePromptFileChanged() throws Exception {
        Path prompts = prompts();
        Path results = dir.resolve("r.jsonl");
        assertEquals(0, run(prompts.toString(), "--mode", "sequential", "--out", results.toString()).exitCode());
        String before = Files.readString(results);
        Files.writeString(prompts, "one\ntwo\nchanged\n");

        CliRun resumed = run(prompts.toString(), "--mode", "sequential", "--resume", results.toString());

        assertEquals(2, resumed.exitCode());
        assertTrue(resumed.err().contains("changed"), resumed.err());
        assertEquals(before, Files.readString(results), "nothing appended");
    }

    @Test
    void refusesAFileThatIsNotAResultsFile() throws Exception {
        Path bogus = dir.resolve("bogus.jsonl");
        Files.writeString(bogus, "{\"hello\":1}\n");
        CliRun resumed = run(prompts().toString(), "--resume", bogus.toString());
        assertEquals(2, resumed.exitCode());
        assertTrue(resumed.err().contains("bogus.jsonl"), resumed.err());
    }

    @Test
    void nothingLeftMeansNothingSent() throws Exception {
        Path prompts = prompts();
        Path results = dir.resolve("r.jsonl");
        assertEquals(0, run(prompts.toString(), "--mode", "sequential", "--out", results.toString()).exitCode());
        long before = Files.readAllLines(results).stream().filter(l -> l.contains("\"type\":\"request\"")).count();

        CliRun resumed = run(prompts.toString(), "--mode", "sequential", "--resume", results.toString());

        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("already done"), resumed.err());
        assertEquals(before, Files.readAllLines(results).stream().filter(l -> l.contains("\"type\":\"request\"")).count());
    }

    /** A compare run whose parallel mode lost two answers: the resumed session sends only those two. */
    private Path interruptedCompareRun(Path prompts) throws Exception {
        Path results = dir.resolve("whole.jsonl");
        assertEquals(0, run(prompts.toString(), "--threads", "3", "--out", results.toString()).exitCode());
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            JsonNode record = JSON.readTree(line);
            boolean lost = record.path("type").asText().equals("request")
                    && record.path("mode").asText().equals("parallel") && record.path("index").asInt() >= 4;
            if (!lost) kept.add(line);
        }
        Files.writeString(results, String.join("\n", kept) + "\n", StandardCharsets.UTF_8);
        return results;
    }

    @Test
    void aResumedRunReportsTheWholeRunAsReportDoes() throws Exception {
        Path prompts = prompts();
        Path results = interruptedCompareRun(prompts);
        CliRun resumed = run(prompts.toString(), "--threads", "3", "--resume", results.toString(), "--format", "json");
        assertEquals(0, resumed.exitCode(), resumed.err());
        JsonNode printed = JSON.readTree(resumed.out());
        assertEquals(6, printed.path("modes").path("parallel").path("requests").asInt(), "the whole run, not the 2 resumed");
        assertEquals(6, printed.path("modes").path("sequential").path("requests").asInt());

        CliRun reported = CliRun.of("report", results.toString(), "--format", "json");
        assertEquals(0, reported.exitCode(), reported.err());
        assertEquals(JSON.readTree(reported.out()), printed);
    }

    @Test
    void aResumedRunsThresholdsAndHtmlSeeTheWholeRun() throws Exception {
        Path prompts = prompts();
        Path results = interruptedCompareRun(prompts);
        Path html = dir.resolve("whole.html");
        CliRun resumed = run(prompts.toString(), "--threads", "3", "--resume", results.toString(),
                "--fail-if", "/modes/parallel/requests<6", "--fail-if", "/modes/parallel/tokens/completion<1",
                "--html", html.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        Path later = dir.resolve("later.html");
        CliRun reported = CliRun.of("report", results.toString(), "--html", later.toString());
        assertEquals(0, reported.exitCode(), reported.err());
        assertEquals(Files.readString(later), Files.readString(html), "the run's page is the saved run's page");
    }

    @Test
    void aFlagThatDisagreesWithTheRunIsRefusedAndTheFileStaysAsItWas() throws Exception {
        Path prompts = prompts();
        Path results = interruptedCompareRun(prompts);
        byte[] before = Files.readAllBytes(results);
        CliRun mixed = run(prompts.toString(), "--threads", "8", "--stream", "--resume", results.toString());
        assertEquals(2, mixed.exitCode(), mixed.err());
        assertTrue(mixed.err().contains("--threads: the run used 3, this command 8"), mixed.err());
        assertTrue(mixed.err().contains("--stream: the run used false, this command true"), mixed.err());
        assertEquals(1, mixed.err().strip().lines().count(), mixed.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(results)), "the file is unchanged byte for byte");
    }

    /** A run started with settings of its own, whose records of prompts 3 to 5 were lost. */
    private Path interruptedRunWithSettings(Path prompts, String... settings) throws Exception {
        Path results = dir.resolve("own.jsonl");
        List<String> args = new ArrayList<>(List.of(prompts.toString(), "--out", results.toString()));
        args.addAll(List.of(settings));
        CliRun first = run(args.toArray(String[]::new));
        assertEquals(0, first.exitCode(), first.err());
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            JsonNode record = JSON.readTree(line);
            boolean lost = record.path("type").asText().equals("request") && record.path("index").asInt() >= 3;
            if (!lost && !record.path("type").asText().equals("summary")) kept.add(line);
        }
        Files.writeString(results, String.join("\n", kept) + "\n", StandardCharsets.UTF_8);
        return results;
    }

    /** Issue 12 B5: with the flags left out, the resumed session runs as the run was started. */
    @Test
    void flagsLeftOutAreTakenFromTheHeader() throws Exception {
        Path prompts = prompts();
        Path results = interruptedRunWithSettings(prompts, "--mode", "parallel", "--threads", "3", "--stream",
                "--max-tokens", "5", "--service-tier", "priority");

        CliRun resumed = run(prompts.toString(), "--resume", results.toString());

        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("--resume: the run's own settings: --mode parallel --threads 3 --api chat --stream "
                + "--max-tokens 5 --service-tier priority"), resumed.err());
        assertTrue(!resumed.err().contains("warning:"), "flags taken from the file are not idle flags: " + resumed.err());
        List<JsonNode> sent = new ArrayList<>();
        boolean afterResume = false;
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            JsonNode record = JSON.readTree(line);
            afterResume |= record.path("type").asText().equals("resume");
            if (afterResume && record.path("type").asText().equals("request")) sent.add(record);
        }
        assertEquals(3, sent.size(), "only the lost prompts, in the run's one mode");
        for (JsonNode record : sent) {
            assertEquals("parallel", record.path("mode").asText(), record.toString());
            assertTrue(record.path("ttft_ms").isNumber(), "streamed: " + record);
            assertTrue(record.path("tokens").path("completion").asInt() <= 5, "max tokens 5: " + record);
            assertEquals("priority", record.path("service_tier").asText(), record.toString());
        }
    }

    /** A file written before the header recorded settings as their flags read them back still resumes. */
    @Test
    void aHeaderOfTheEarlierFormatResumesWithNoFlags() throws Exception {
        Path prompts = prompts();
        Path results = interruptedRunWithSettings(prompts, "--mode", "parallel", "--threads", "3");
        List<String> lines = new ArrayList<>(Files.readAllLines(results, StandardCharsets.UTF_8));
        com.fasterxml.jackson.databind.node.ObjectNode header =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(lines.get(0));
        com.fasterxml.jackson.databind.node.ObjectNode settings =
                (com.fasterxml.jackson.databind.node.ObjectNode) header.get("settings");
        settings.put("--timeout", "PT10M").put("--connect-timeout", "PT10S").put("--stream-idle-timeout", "PT1M");
        settings.remove(List.of("--api", "--service-tier", "--cache-bust"));
        lines.set(0, JSON.writeValueAsString(header));
        Files.writeString(results, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

        CliRun resumed = run(prompts.toString(), "--resume", results.toString());

        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("--resume: the run's own settings: --mode parallel --threads 3\n"),
                resumed.err());
    }

    /** The endpoint is not taken from the file (its key is not there): another one is refused, saying so. */
    @Test
    void anotherEndpointIsRefusedAskingForTheRunsOwn() throws Exception {
        Path prompts = prompts();
        Path results = interruptedRunWithSettings(prompts, "--mode", "parallel");
        CliRun other = CliRun.of(Map.of("OPENAI_API_KEY", "k"), "run", prompts.toString(), "--resume",
                results.toString(), "--endpoint", "http://127.0.0.1:1/v1", "--provider", "openai", "--model", "m");
        assertEquals(2, other.exitCode(), other.err());
        assertTrue(other.err().contains("endpoint: the run used the built-in simulator, this command openai "
                + "http://127.0.0.1:1/v1"), other.err());
        assertTrue(other.err().contains("(give the run's endpoint again, by flags, --profile or environment, to finish"),
                other.err());
    }

    @Test
    void anExplicitTierOrApiThatDisagreesIsRefused() throws Exception {
        Path prompts = prompts();
        Path results = interruptedRunWithSettings(prompts, "--mode", "parallel", "--service-tier", "priority");
        byte[] before = Files.readAllBytes(results);

        CliRun tier = run(prompts.toString(), "--resume", results.toString(), "--service-tier", "flex");
        assertEquals(2, tier.exitCode(), tier.err());
        assertTrue(tier.err().contains("--service-tier: the run used priority, this command flex"), tier.err());
        assertEquals(1, tier.err().strip().lines().count(), tier.err());

        CliRun api = run(prompts.toString(), "--resume", results.toString(), "--api", "responses");
        assertEquals(2, api.exitCode(), api.err());
        assertTrue(api.err().contains("--api: the run used chat, this command responses"), api.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(results)), "the file is unchanged byte for byte");
    }

    /**
     * The simulated service is part of the run's endpoint: its --sim-* knobs are taken from the header when left
     * out, and one that differs is refused, so a resumed run is never half one service and half another.
     */
    @Test
    void theSimulatorsKnobsAreTakenFromTheHeaderAndAnotherServiceIsRefused() throws Exception {
        Path prompts = prompts();
        Path results = interruptedRunWithSettings(prompts, "--mode", "parallel", "--sim-reasoning-tokens", "7");
        byte[] before = Files.readAllBytes(results);

        CliRun other = run(prompts.toString(), "--resume", results.toString(), "--sim-reasoning-tokens", "3");
        assertEquals(2, other.exitCode(), other.err());
        assertTrue(other.err().contains("--sim-reasoning-tokens: the run used 7, this command 3"), other.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(results)), "the file is unchanged byte for byte");

        CliRun resumed = run(prompts.toString(), "--resume", results.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("--sim-reasoning-tokens 7"), resumed.err());
        boolean afterResume = false;
        int sent = 0;
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            JsonNode record = JSON.readTree(line);
            afterResume |= record.path("type").asText().equals("resume");
            if (afterResume && record.path("type").asText().equals("request")) {
                sent++;
                assertEquals(7, record.path("tokens").path("reasoning").asInt(), "the same service: " + record);
            }
        }
        assertEquals(3, sent);
    }

    /** Issue 13: the --answers file of a resumed run holds every prompt, the earlier sessions' answers too. */
    @Test
    void theAnswersOfAResumedRunHoldTheEarlierSessionsAnswers() throws Exception {
        Path prompts = prompts();
        Path results = dir.resolve("r.jsonl");
        assertEquals(0, run(prompts.toString(), "--mode", "sequential", "--out", results.toString()).exitCode());
        Map<Integer, String> earlier = new HashMap<>();
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            JsonNode record = JSON.readTree(line);
            String type = record.path("type").asText();
            if (type.equals("run")) kept.add(line);
            if (!type.equals("request")) continue;
            int index = record.path("index").asInt();
            if (index % 2 == 0) {
                kept.add(line);
                earlier.put(index, record.path("answer").asText());
            }
        }
        Files.writeString(results, String.join("\n", kept) + "\n", StandardCharsets.UTF_8);
        Path answers = dir.resolve("answers.jsonl");

        CliRun resumed = run(prompts.toString(), "--mode", "sequential", "--resume", results.toString(),
                "--answers", answers.toString());

        assertEquals(0, resumed.exitCode(), resumed.err());
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(answers, StandardCharsets.UTF_8)) rows.add(JSON.readTree(line));
        assertEquals(6, rows.size());
        for (JsonNode row : rows) {
            assertEquals("ok", row.path("status").asText(), row.toString());
            assertTrue(!row.path("answer").asText().isEmpty(), row.toString());
        }
        earlier.forEach((index, answer) -> assertEquals(answer, rows.get(index).path("answer").asText()));
    }

    @Test
    void aResumedRunWithNothingLeftStillWritesEveryAnswer() throws Exception {
        Path prompts = prompts();
        Path results = dir.resolve("r.jsonl");
        assertEquals(0, run(prompts.toString(), "--mode", "sequential", "--out", results.toString()).exitCode());
        Path answers = dir.resolve("answers.csv");

        CliRun resumed = run(prompts.toString(), "--mode", "sequential", "--resume", results.toString(),
                "--answers", answers.toString());

        assertEquals(0, resumed.exitCode(), resumed.err());
        List<String> lines = Files.readAllLines(answers, StandardCharsets.UTF_8);
        assertEquals(7, lines.size(), String.join("\n", lines));
        assertTrue(lines.stream().skip(1).allMatch(l -> l.contains(",ok,")), String.join("\n", lines));
    }
}
