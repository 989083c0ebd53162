package dev.promptbench.gate;

import static dev.promptbench.gate.Documents.compare;
import static dev.promptbench.gate.Documents.parallelOnly;
import static dev.promptbench.gate.Documents.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading a saved run, and refusing to compare runs that asked different things. */
class BaselineTest {
    @TempDir
    Path dir;

    private Path file(String content) throws Exception {
        Path file = dir.resolve("baseline.json");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void loadsASavedJsonDocument() throws Exception {
        Baseline baseline = Baseline.load(file(Documents.COMPARE));
        assertEquals(4.0, baseline.document().path("speedup").asDouble());
        assertTrue(baseline.differences(compare()).isEmpty());
        assertEquals(Optional.empty(), baseline.admit(compare(), false));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                                                 | is empty
            "not json"                                         | is not a promptbench --format json document
            "[1, 2]"                                           | needs "schema_version" and "modes"
            "{""schema_version"": 1}"                          | needs "schema_version" and "modes"
            "{""type"":""run"",""schema_version"":1}\\n{""type"":""request""}" | more than one JSON value
            """)
    void refusesWhatIsNotASavedRun(String content, String reason) throws Exception {
        Path file = file(content.replace("\\n", "\n"));
        GateException e = assertThrows(GateException.class, () -> Baseline.load(file));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void saysWhenTheFileIsMissingOrADirectory() {
        GateException missing = assertThrows(GateException.class, () -> Baseline.load(dir.resolve("nope.json")));
        assertTrue(missing.getMessage().endsWith("no such file"), missing.getMessage());
        GateException directory = assertThrows(GateException.class, () -> Baseline.load(dir));
        assertTrue(directory.getMessage().contains("is a directory"), directory.getMessage());
    }

    @Test
    void refusesRunsThatAskedDifferentThingsAndListsWhat() throws Exception {
        Baseline baseline = Baseline.load(file(Documents.COMPARE));
        ObjectNode run = with(with(compare(), "/config/max_tokens", 512), "/config/stream", false);
        with(run, "/endpoint/deployment", "gpt-4o");

        assertEquals(List.of("endpoint.deployment (baseline \"gpt-4o-mini\", this run \"gpt-4o\")",
                "config.max_tokens (baseline 256, this run 512)", "config.stream (baseline true, this run false)"),
                baseline.differences(run));
        GateException refused = assertThrows(GateException.class, () -> baseline.admit(run, false));
        assertTrue(refused.getMessage().contains("config.max_tokens (baseline 256, this run 512)"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--allow-baseline-mismatch"), refused.getMessage());

        String warning = baseline.admit(run, true).orElseThrow();
        assertTrue(warning.startsWith("warning: "), warning);
        assertTrue(warning.contains("endpoint.deployment"), warning);
    }

    @Test
    void comparesTheUrlAndModelOfARealEndpoint() throws Exception {
        Baseline baseline = Baseline.load(file(Documents.COMPARE));
        ObjectNode run = with(compare(), "/endpoint/url", "https://fabrikam.openai.azure.com/openai/deployments/x");
        with(run, "/endpoint/model", "gpt-4o");
        List<String> differences = baseline.differences(run);
        assertEquals(2, differences.size(), differences.toString());
        assertTrue(differences.get(0).startsWith("endpoint.url"), differences.toString());
        assertEquals("endpoint.model (baseline none, this run \"gpt-4o\")", differences.get(1));
    }

    @Test
    void theSimulatorsEphemeralPortDoesNotCount() throws Exception {
        Baseline baseline = Baseline.load(file(Documents.PARALLEL_ONLY));
        ObjectNode run = with(parallelOnly(), "/endpoint/url",
                "http://127.0.0.1:50123/openai/deployments/gpt-4o-mini-sim/chat/completions");
        assertTrue(baseline.differences(run).isEmpty());
        assertEquals(List.of("endpoint.kind (baseline \"simulator\", this run \"azure\")",
                "endpoint.url (baseline \"http://127.0.0.1:41793/openai/deployments/gpt-4o-mini-sim/chat/completions\", "
                        + "this run \"http://127.0.0.1:50123/openai/deployments/gpt-4o-mini-sim/chat/completions\")"),
                baseline.differences(with(run, "/endpoint/kind", "azure")));
    }
}
