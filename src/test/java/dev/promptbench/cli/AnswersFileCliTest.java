package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --answers}: one row per prompt, in input order, CSV or JSON Lines by extension. */
class AnswersFileCliTest {
    @TempDir
    Path dir;

    private Path prompts() throws Exception {
        Path file = dir.resolve("p.txt");
        Files.writeString(file, "first prompt\nsecond, with a comma and \"quotes\"\nthird prompt\n",
                StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void csvRowsInInputOrderWithTheLastAnswer() throws Exception {
        Path answers = dir.resolve("answers.csv");
        CliRun run = CliRun.of("run", prompts().toString(), "--threads", "3", "--out", dir.resolve("r.jsonl").toString(),
                "--answers", answers.toString(), "--no-warmup", "--sim-ttft-median", "1ms", "--sim-token-delay", "0ms");

        assertEquals(0, run.exitCode(), run.err());
        CsvMapper csv = new CsvMapper();
        MappingIterator<Map<String, String>> rows = csv.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(answers.toFile());
        List<Map<String, String>> all = rows.readAll();
        assertEquals(3, all.size());
        assertEquals(List.of("index", "id", "prompt", "status", "answer", "prompt_tokens", "completion_tokens",
                "finish_reason", "error"), List.copyOf(all.get(0).keySet()));
        assertEquals(List.of("line-1", "line-2", "line-3"), all.stream().map(r -> r.get("id")).toList());
        assertEquals("second, with a comma and \"quotes\"", all.get(1).get("prompt"));
        assertTrue(all.stream().allMatch(r -> r.get("status").equals("ok") && !r.get("answer").isEmpty()));
    }

    @Test
    void jsonLinesByExtension() throws Exception {
        Path answers = dir.resolve("answers.jsonl");
        CliRun run = CliRun.of("run", prompts().toString(), "--mode", "parallel", "--out",
                dir.resolve("r.jsonl").toString(), "--answers", answers.toString(), "--no-warmup");

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(answers);
        assertEquals(3, lines.size());
        assertEquals("line-3", new ObjectMapper().readTree(lines.get(2)).path("id").asText());
        assertEquals("third prompt", new ObjectMapper().readTree(lines.get(2)).path("prompt").asText());
    }

    @Test
    void anUnknownExtensionIsAUsageError() throws Exception {
        CliRun run = CliRun.of("run", prompts().toString(), "--answers", dir.resolve("a.txt").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("name it .csv or .jsonl"), run.err());
    }

    @Test
    void anExistingAnswersFileNeedsForce() throws Exception {
        Path answers = dir.resolve("answers.csv");
        Files.writeString(answers, "keep me");
        CliRun run = CliRun.of("run", prompts().toString(), "--answers", answers.toString(), "--out",
                dir.resolve("r.jsonl").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("keep me", Files.readString(answers));
    }
}
