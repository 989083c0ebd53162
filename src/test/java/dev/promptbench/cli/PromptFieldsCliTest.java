package dev.promptbench.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A JSONL field of the wrong type stops the run before anything is sent: exit 2, file:line and the field. */
@WireMockTest
class PromptFieldsCliTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"prompt":"b","max_tokens":"ten"}                        | "max_tokens" must be a positive integer, not a string ("ten")
            {"prompt":"b","temperature":"hot"}                       | "temperature" must be a number from 0 to 2, not a string ("hot")
            {"messages":"hi"}                                        | "messages" must be an array, not a string
            {"messages":[{"role":"robot","content":"b"}]}            | messages[0].role must be system, developer, user, assistant, tool or function
            {"messages":[{"role":"user","content":7}]}               | messages[0].content must be a string or an array of parts, not a number (7)
            """)
    void aFieldOfTheWrongTypeIsExit2WithFileLineAndField(String line, String detail, WireMockRuntimeInfo wm)
            throws Exception {
        Path prompts = Files.writeString(dir.resolve("p.jsonl"), "{\"prompt\":\"a\"}\n" + line + "\n");

        CliRun run = CliRun.of(Map.of("OPENAI_API_KEY", "k"), "run", prompts.toString(), "--endpoint",
                wm.getHttpBaseUrl() + "/v1", "--model", "m", "--out", dir.resolve("r.jsonl").toString());

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(prompts + ":2: " + detail), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertEquals(0, wm.getWireMock().find(anyRequestedFor(anyUrl())).size(), "nothing was sent");
    }
}
