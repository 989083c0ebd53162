package dev.promptbench.prompt;

import static dev.promptbench.prompt.PromptFileTextTest.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptFileJsonlTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void messagesAreKeptExactlyIncludingContentArrays() throws Exception {
        String messages = "[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Describe\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\",\"detail\":\"low\"}}],"
                + "\"name\":\"ann\"}]";
        List<Prompt> prompts = read("p.jsonl", "{\"messages\":" + messages + "}\n", TextPromptStyle.DEFAULT);

        assertEquals(messages, TypedJson.json(prompts.get(0).messages()));
    }

    @Test
    void promptLinesFollowTheTextStyle() throws Exception {
        List<Prompt> prompts = read("p.ndjson", "{\"prompt\":\"hi\"}\n", new TextPromptStyle("user", "Be kind."));

        assertEquals("[{\"role\":\"system\",\"content\":\"Be kind.\"},{\"role\":\"user\",\"content\":\"hi\"}]",
                TypedJson.json(prompts.get(0).messages()));
    }

    @Test
    void systemTextIsPrependedToMessagesOnlyWhenTheyHaveNone() throws Exception {
        String lines = "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}\n"
                + "{\"messages\":[{\"role\":\"user\",\"content\":\"b\"},{\"role\":\"system\",\"content\":\"mine\"}]}\n";
        List<Prompt> prompts = read("p.jsonl", lines, new TextPromptStyle("user", "Global."));

        assertEquals("[{\"role\":\"system\",\"content\":\"Global.\"},{\"role\":\"user\",\"content\":\"a\"}]",
                TypedJson.json(prompts.get(0).messages()));
        assertEquals("[{\"role\":\"user\",\"content\":\"b\"},{\"role\":\"system\",\"content\":\"mine\"}]",
                TypedJson.json(prompts.get(1).messages()));
    }

    @Test
    void toolTurnsImagePartsAndKnownFieldsOfEveryKindPassTheChecks() throws Exception {
        String line = "{\"messages\":[{\"role\":\"developer\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is this?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/a.png\"}}]},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"look\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"a cat\"}],"
                + "\"max_tokens\":50,\"temperature\":0,\"top_p\":1,\"seed\":-7,\"n\":2,\"stop\":[\"\\n\"],"
                + "\"tool_choice\":\"auto\",\"tools\":[],\"response_format\":{\"type\":\"text\"},\"x_custom\":\"any\"}";

        Prompt prompt = read("p.jsonl", line, TextPromptStyle.DEFAULT).get(0);

        assertEquals(4, prompt.messages().size());
    }

    @Test
    void otherKeysArePassedThroughAsFields() throws Exception {
        String line = "{\"id\":\"q1\",\"prompt\":\"hi\",\"temperature\":0.2,\"max_tokens\":50,\"top_p\":0.9,\"seed\":7,"
                + "\"metadata\":{\"k\":[1,2]},\"response_format\":{\"type\":\"json_object\"}}";
        Prompt prompt = read("p.jsonl", line, TextPromptStyle.DEFAULT).get(0);

        assertEquals("q1", prompt.id());
        assertEquals("{\"temperature\":0.2,\"max_tokens\":50,\"top_p\":0.9,\"seed\":7,"
                + "\"metadata\":{\"k\":[1,2]},\"response_format\":{\"type\":\"json_object\"}}", TypedJson.json(prompt.fields()));
    }

    @Test
    void idsDefaultToLineNumbersAndNumbersBecomeStrings() throws Exception {
        String lines = "{\"prompt\":\"a\"}\n\n{\"prompt\":\"b\",\"id\":42}\r\n{\"prompt\":\"c\"}";
        List<Prompt> prompts = read("p.jsonl", lines, TextPromptStyle.DEFAULT);

        assertEquals(List.of("line-1", "42", "line-4"), prompts.stream().map(Prompt::id).toList());
        assertEquals(List.of(0, 1, 2), prompts.stream().map(Prompt::index).toList());
    }

    private List<Prompt> read(String name, String content, TextPromptStyle style) throws Exception {
        Path file = Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
        try (PromptFile prompts = PromptFile.open(file.toString(), style)) {
            assertEquals(PromptFile.Format.JSONL, prompts.format());
            return readAll(prompts);
        }
    }
}
