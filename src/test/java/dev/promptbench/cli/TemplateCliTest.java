package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --template}: one prompt per row of a CSV or JSONL of variables. */
class TemplateCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path template() throws Exception {
        Path file = dir.resolve("t.txt");
        Files.writeString(file, "Describe {{city}} in {{ words }} words.", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void csvRowsFillTheTemplateWithIdsFromTheIdColumn() throws Exception {
        Path vars = dir.resolve("vars.csv");
        Files.writeString(vars, "id,city,words\nkyoto,Kyoto,five\nparis,\"Paris, France\",ten\n",
                StandardCharsets.UTF_8);
        Path answers = dir.resolve("a.jsonl");

        CliRun run = CliRun.of("run", vars.toString(), "--template", template().toString(), "--mode", "parallel",
                "--out", dir.resolve("r.jsonl").toString(), "--answers", answers.toString(), "--no-warmup");

        assertEquals(0, run.exitCode(), run.err());
        List<String> rows = Files.readAllLines(answers);
        assertEquals(2, rows.size());
        JsonNode second = JSON.readTree(rows.get(1));
        assertEquals("paris", second.path("id").asText());
        assertEquals("Describe Paris, France in ten words.", second.path("prompt").asText());
    }

    @Test
    void jsonlRowsWithoutAnIdAreNumbered() throws Exception {
        Path vars = dir.resolve("vars.jsonl");
        Files.writeString(vars, "{\"city\":\"Oslo\",\"words\":3}\n\n{\"city\":\"Lima\",\"words\":4}\n",
                StandardCharsets.UTF_8);
        Path answers = dir.resolve("a.csv");

        CliRun run = CliRun.of("run", vars.toString(), "--template", template().toString(), "--mode", "parallel",
                "--out", dir.resolve("r.jsonl").toString(), "--answers", answers.toString(), "--no-warmup");

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(answers);
        assertTrue(lines.get(2).startsWith("1,row-2,\"Describe Lima in 4 words.\",ok,"), lines.get(2));
    }

    @Test
    void aMissingColumnIsExit2NamingTheRowAndThePlaceholder() throws Exception {
        Path vars = dir.resolve("vars.jsonl");
        Files.writeString(vars, "{\"city\":\"Oslo\",\"words\":3}\n{\"town\":\"Lima\",\"words\":4}\n",
                StandardCharsets.UTF_8);

        CliRun run = CliRun.of("run", vars.toString(), "--template", template().toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("row 2 has no column 'city' for the placeholder {{city}}"), run.err());
        assertTrue(run.err().contains(vars.toString()), run.err());
        assertEquals(1, run.err().lines().filter(l -> !l.isBlank()).count(), run.err());
    }

    @Test
    void aCsvWithoutTheColumnFailsOnItsFirstRow() throws Exception {
        Path vars = dir.resolve("vars.csv");
        Files.writeString(vars, "city\nOslo\n", StandardCharsets.UTF_8);

        CliRun run = CliRun.of("run", vars.toString(), "--template", template().toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("row 1 has no column 'words' for the placeholder {{words}}"), run.err());
    }
}
