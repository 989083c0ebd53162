package dev.promptbench.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptFileTextTest {

    @TempDir
    Path dir;

    @Test
    void bomCrlfAndBlankLinesKeepRealLineNumbersAndDenseIndexes() throws Exception {
        byte[] bytes = bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "first\r\n\r\n   \t\r\nsecond  \rthird\n\n\u3000\nこんにちは");
        Path file = write("p.txt", bytes);

        try (PromptFile prompts = PromptFile.open(file.toString(), TextPromptStyle.DEFAULT)) {
            assertEquals(PromptFile.Format.TEXT, prompts.format());
            assertEquals(4, prompts.count());
            assertEquals(file.toString(), prompts.displayName());
            assertEquals(file, prompts.path());

            List<Prompt> all = readAll(prompts);
            assertEquals(List.of("line-1", "line-4", "line-5", "line-8"), all.stream().map(Prompt::id).toList());
            assertEquals(List.of(0, 1, 2, 3), all.stream().map(Prompt::index).toList());
            assertEquals(List.of("first", "second  ", "third", "こんにちは"), all.stream().map(this::userText).toList());
            Prompt first = all.get(0);
            assertEquals(1, first.messages().size());
            assertEquals("user", first.messages().get(0).role());
            assertTrue(first.fields().isEmpty());
        }
    }

    @Test
    void styleSetsRoleAndPrependsSystemMessage() throws Exception {
        Path file = write("p.txt", "hello\n".getBytes(StandardCharsets.UTF_8));

        try (PromptFile prompts = PromptFile.open(file.toString(), new TextPromptStyle("system", "Be brief."))) {
            String messages = TypedJson.json(readAll(prompts).get(0).messages());
            assertEquals("[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"system\",\"content\":\"hello\"}]",
                    messages);
        }
    }

    @Test
    void sha256IsTheDigestOfTheRawBytes() throws Exception {
        byte[] bytes = "one\ntwo\r\nthree".getBytes(StandardCharsets.UTF_8);
        Path file = write("p.txt", bytes);

        try (PromptFile prompts = PromptFile.open(file.toString(), TextPromptStyle.DEFAULT)) {
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertEquals(expected, prompts.sha256());
            assertEquals(3, prompts.count());
        }
    }

    @Test
    void unknownExtensionsAreText() throws Exception {
        Path file = write("prompts.md", "{\"prompt\": \"x\"}\n".getBytes(StandardCharsets.UTF_8));

        try (PromptFile prompts = PromptFile.open(file.toString(), TextPromptStyle.DEFAULT)) {
            assertEquals(PromptFile.Format.TEXT, prompts.format());
            assertEquals("{\"prompt\": \"x\"}", userText(readAll(prompts).get(0)));
        }
    }

    @Test
    void standardInputIsCopiedSoItCanBeReadTwice() throws Exception {
        var stdin = new ByteArrayInputStream("a\n\nb\n".getBytes(StandardCharsets.UTF_8));

        Path copy;
        try (PromptFile prompts = PromptFile.open("-", TextPromptStyle.DEFAULT, stdin)) {
            assertEquals("-", prompts.displayName());
            assertNull(prompts.sha256());
            assertEquals(PromptFile.Format.TEXT, prompts.format());
            assertEquals(2, prompts.count());
            List<String> firstPass = readAll(prompts).stream().map(Prompt::id).toList();
            List<String> secondPass = readAll(prompts).stream().map(Prompt::id).toList();
            assertEquals(List.of("line-1", "line-3"), firstPass);
            assertEquals(firstPass, secondPass);
            copy = prompts.path();
            assertTrue(Files.exists(copy));
        }
        assertTrue(Files.notExists(copy), "the temporary copy is deleted on close");
    }

    @Test
    void standardInputStartingWithAnObjectIsJsonl() throws Exception {
        byte[] bytes = bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "\n  \r\n  {\"prompt\": \"hi\", \"seed\": 1}\n");

        try (PromptFile prompts = PromptFile.open("-", TextPromptStyle.DEFAULT, new ByteArrayInputStream(bytes))) {
            assertEquals(PromptFile.Format.JSONL, prompts.format());
            Prompt prompt = readAll(prompts).get(0);
            assertEquals("line-3", prompt.id());
            assertEquals("hi", userText(prompt));
            assertEquals("{\"seed\":1}", TypedJson.json(prompt.fields()));
        }
    }

    @Test
    void bundledSamplesAreValid() throws Exception {
        try (PromptFile text = PromptFile.open("prompts/sample.txt", TextPromptStyle.DEFAULT);
             PromptFile english = PromptFile.open("prompts/sample-en.txt", TextPromptStyle.DEFAULT);
             PromptFile jsonl = PromptFile.open("prompts/sample.jsonl", TextPromptStyle.DEFAULT)) {
            assertEquals(4, text.count());
            assertEquals("1990年代のおすすめの映画を教えてください", userText(readAll(text).get(0)));
            assertEquals(4, english.count());
            assertEquals(PromptFile.Format.JSONL, jsonl.format());
            assertTrue(jsonl.count() >= 4);
        }
    }

    private String userText(Prompt prompt) {
        return ((Message.Content.Text) prompt.messages().get(prompt.messages().size() - 1).content()).text();
    }

    static List<Prompt> readAll(PromptFile prompts) throws PromptFileException {
        List<Prompt> all = new ArrayList<>();
        try (PromptSource source = prompts.source()) {
            for (Prompt p = source.next(); p != null; p = source.next()) {
                all.add(p);
            }
        }
        return all;
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] bytes(byte[] prefix, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix);
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
