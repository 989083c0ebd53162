package dev.promptbench.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PromptFileErrorTest {

    @TempDir
    Path dir;

    @Test
    void missingFile() {
        String name = dir.resolve("nope.txt").toString();
        assertEquals(name + ": no such file", failure(name).getMessage());
    }

    @Test
    void directory() {
        String name = dir.toString();
        assertEquals(name + ": is a directory, not a prompt file", failure(name).getMessage());
    }

    @Test
    void unreadableFile() throws Exception {
        Path file = Files.writeString(dir.resolve("secret.txt"), "hi\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as a user who can read anything (root)");

        assertEquals(file + ": cannot read (permission denied)", failure(file.toString()).getMessage());
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.write(dir.resolve("empty.txt"), new byte[0]);
        assertEquals(file + ": no prompts (the file is empty or has only blank lines)",
                failure(file.toString()).getMessage());
    }

    @Test
    void onlyBlankLines() throws Exception {
        Path file = Files.writeString(dir.resolve("blank.jsonl"), "\n  \r\n\t\n");
        assertEquals(file + ": no prompts (the file is empty or has only blank lines)",
                failure(file.toString()).getMessage());
    }

    @Test
    void invalidUtf8NamesTheLine() throws Exception {
        byte[] bytes = {'o', 'k', '\n', '\n', 'a', 'b', (byte) 0xC3, '(', '\n', 'z', '\n'};
        Path file = Files.write(dir.resolve("x.txt"), bytes);

        PromptFileException e = failure(file.toString());
        assertTrue(e.getMessage().startsWith(file + ":3: not valid UTF-8"), e.getMessage());
        assertEquals(3, e.line());
    }

    @Test
    void truncatedUtf8AtTheEndOfTheFile() throws Exception {
        byte[] bytes = {'o', 'k', '\n', (byte) 0xE3, (byte) 0x81};
        Path file = Files.write(dir.resolve("x.txt"), bytes);

        assertTrue(failure(file.toString()).getMessage().startsWith(file + ":2: not valid UTF-8"));
    }

    static Stream<Arguments> badJsonlLines() {
        return Stream.of(
                Arguments.of("{\"prompt\": \"a\",}", "malformed JSON (Unexpected character"),
                Arguments.of("{\"prompt\": \"a\"} {}", "malformed JSON (Trailing token"),
                Arguments.of("[1, 2]", "expected a JSON object, found an array"),
                Arguments.of("\"just text\"", "expected a JSON object, found a string"),
                Arguments.of("{\"temperature\": 1}", "needs \"prompt\" (a string) or \"messages\""),
                Arguments.of("{\"prompt\": 3}", "\"prompt\" must be a string, not a number"),
                Arguments.of("{\"prompt\": \"a\", \"messages\": []}", "has both \"prompt\" and \"messages\""),
                Arguments.of("{\"messages\": []}", "\"messages\" is empty"),
                Arguments.of("{\"messages\": {\"role\": \"user\"}}", "\"messages\" must be an array, not an object"),
                Arguments.of("{\"messages\": [\"hi\"]}", "messages[0] must be an object, not a string"),
                Arguments.of("{\"messages\": [{\"role\": \"user\", \"content\": \"a\"}, {\"content\": \"b\"}]}",
                        "messages[1] needs a string \"role\""),
                Arguments.of("{\"prompt\": \"a\", \"id\": null}", "\"id\" must be a non-empty string or a number, not null"),
                // Every field that will be sent is type-checked on load, not rejected by the service mid-run.
                Arguments.of("{\"prompt\": \"a\", \"max_tokens\": \"ten\"}",
                        "\"max_tokens\" must be a positive integer, not a string (\"ten\")"),
                Arguments.of("{\"prompt\": \"a\", \"max_completion_tokens\": 2.5}",
                        "\"max_completion_tokens\" must be a positive integer, not 2.5"),
                Arguments.of("{\"prompt\": \"a\", \"max_tokens\": 0}",
                        "\"max_tokens\" must be a positive integer, not 0"),
                Arguments.of("{\"prompt\": \"a\", \"temperature\": \"hot\"}",
                        "\"temperature\" must be a number from 0 to 2, not a string (\"hot\")"),
                Arguments.of("{\"prompt\": \"a\", \"temperature\": 3}",
                        "\"temperature\" must be a number from 0 to 2, not 3"),
                Arguments.of("{\"prompt\": \"a\", \"top_p\": [1]}", "\"top_p\" must be a number from 0 to 1, not an array"),
                Arguments.of("{\"prompt\": \"a\", \"seed\": \"42\"}", "\"seed\" must be an integer, not a string (\"42\")"),
                Arguments.of("{\"prompt\": \"a\", \"stop\": [\"x\", 1]}",
                        "\"stop\" must be a string or an array of strings, not an array"),
                Arguments.of("{\"prompt\": \"a\", \"stream\": true}", "\"stream\" is not a per-prompt field"),
                Arguments.of("{\"messages\": [{\"role\": \"robot\", \"content\": \"a\"}]}",
                        "messages[0].role must be system, developer, user, assistant, tool or function, not \"robot\""),
                Arguments.of("{\"messages\": [{\"role\": \"user\", \"content\": 42}]}",
                        "messages[0].content must be a string or an array of parts, not a number (42)"),
                Arguments.of("{\"messages\": [{\"role\": \"user\", \"content\": {\"text\": \"a\"}}]}",
                        "messages[0].content must be a string or an array of parts, not an object"),
                Arguments.of("{\"messages\": [{\"role\": \"user\"}]}",
                        "messages[0] needs \"content\" (a string or an array of parts)"),
                Arguments.of("{\"messages\": [{\"role\": \"user\", \"content\": [\"a\"]}]}",
                        "messages[0].content[0] must be an object with a string \"type\", not a string (\"a\")"),
                Arguments.of("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\"}]}]}",
                        "messages[0].content[0] is a text part without a string \"text\""));
    }

    @ParameterizedTest
    @MethodSource("badJsonlLines")
    void badJsonlLineIsReportedWithFileAndLine(String line, String detail) throws Exception {
        Path file = Files.writeString(dir.resolve("x.jsonl"), "{\"prompt\": \"fine\"}\n\n" + line + "\n{\"prompt\": \"z\"}\n");

        PromptFileException e = failure(file.toString());
        String message = e.getMessage();
        assertTrue(message.startsWith(file + ":3: " + detail), message);
        assertFalse(message.contains("\n"), message);
        assertFalse(message.contains("Source:"), message);
        assertEquals(file.toString(), e.file());
    }

    @Test
    void jacksonDetailStaysShortForLongLines() throws Exception {
        String line = "{\"prompt\": " + "x".repeat(10_000) + "}";
        Path file = Files.writeString(dir.resolve("x.jsonl"), line);

        String message = failure(file.toString()).getMessage();
        assertTrue(message.startsWith(file + ":1: malformed JSON ("), message);
        assertTrue(message.length() < file.toString().length() + 250, message);
    }

    @Test
    void standardInputErrorsSayStdin() {
        PromptFileException e = assertThrows(PromptFileException.class, () -> PromptFile.open("-",
                TextPromptStyle.DEFAULT, new ByteArrayInputStream("{\"prompt\": 1}\n".getBytes(StandardCharsets.UTF_8))));
        assertEquals("<stdin>:1: \"prompt\" must be a string, not a number", e.getMessage());

        e = assertThrows(PromptFileException.class,
                () -> PromptFile.open("-", TextPromptStyle.DEFAULT, new ByteArrayInputStream(new byte[0])));
        assertEquals("<stdin>: no prompts (the file is empty or has only blank lines)", e.getMessage());
    }

    private static PromptFileException failure(String path) {
        return assertThrows(PromptFileException.class, () -> PromptFile.open(path, TextPromptStyle.DEFAULT));
    }
}
