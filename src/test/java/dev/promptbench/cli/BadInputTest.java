package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad input: one clear line on stderr naming the problem, exit 2, no stack trace. */
class BadInputTest {
    @TempDir
    Path dir;

    private static void assertUsageError(CliRun run, String expected) {
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), "expected '" + expected + "' in: " + run.err());
        assertFalse(run.err().contains("\tat "), "stack trace: " + run.err());
        assertFalse(run.err().contains("Exception"), "exception name: " + run.err());
        assertTrue(run.out().isEmpty(), "stdout: " + run.out());
    }

    private Path file(String name, byte[] bytes) throws Exception {
        Path path = dir.resolve(name);
        Files.write(path, bytes);
        return path;
    }

    private Path file(String name, String text) throws Exception {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aZeroStreamIdleTimeoutIsAUsageErrorNotAnInternalOne() {
        assertUsageError(CliRun.of("run", "prompts/sample.txt", "--stream", "--stream-idle-timeout", "0s"),
                "--stream-idle-timeout must be longer than 0");
    }

    @Test
    void missingFile() {
        assertUsageError(CliRun.of("run", "prompts/nope.txt"), "prompts/nope.txt");
    }

    @Test
    void aDirectory() {
        assertUsageError(CliRun.of("run", "prompts"), "prompts");
    }

    @Test
    void anEmptyFile() throws Exception {
        assertUsageError(CliRun.of("run", file("empty.txt", "").toString()), "empty.txt");
    }

    @Test
    void onlyBlankLines() throws Exception {
        assertUsageError(CliRun.of("run", file("blank.txt", "\n  \n\n").toString()), "blank.txt");
    }

    @Test
    void invalidUtf8() throws Exception {
        Path bad = file("bad.txt", new byte[] {'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
        assertUsageError(CliRun.of("run", bad.toString()), "bad.txt:2");
    }

    @Test
    void malformedJsonlLineNamesItsLine() throws Exception {
        Path bad = file("bad.jsonl", "{\"prompt\":\"a\"}\n{\"prompt\": \n");
        assertUsageError(CliRun.of("run", bad.toString()), "bad.jsonl:2");
    }

    @Test
    void jsonlLineWithoutPromptOrMessages() throws Exception {
        Path bad = file("bad.jsonl", "{\"prompt\":\"a\"}\n{\"temperature\": 1}\n");
        assertUsageError(CliRun.of("run", bad.toString()), "bad.jsonl:2");
    }

    @Test
    void threadsOutOfRange() {
        assertUsageError(CliRun.of("run", "prompts/sample.txt", "--threads", "0"), "--threads");
        assertUsageError(CliRun.of("run", "prompts/sample.txt", "--threads", "-3"), "--threads");
        assertUsageError(CliRun.of("run", "prompts/sample.txt", "--threads", "100000"), "--threads");
        assertUsageError(CliRun.of("run", "prompts/sample.txt", "--threads", "many"), "--threads");
    }

    @Test
    void unknownOption() {
        assertUsageError(CliRun.of("run", "prompts/sample.txt", "--thread", "4"), "--thread");
    }

    @Test
    void badDuration() {
        assertUsageError(CliRun.of("run", "prompts/sample.txt", "--timeout", "10"), "--timeout");
    }

    @Test
    void malformedEndpoint() {
        assertUsageError(CliRun.of(Map.of("AZURE_OPENAI_API_KEY", "k"), "run", "prompts/sample.txt",
                "--endpoint", "not a url"), "--endpoint");
    }

    @Test
    void azureWithoutDeployment() {
        assertUsageError(CliRun.of(Map.of("AZURE_OPENAI_ENDPOINT", "https://contoso.openai.azure.com",
                "AZURE_OPENAI_API_KEY", "k"), "run", "prompts/sample.txt"), "deployment");
    }

    @Test
    void keyWithoutEndpoint() {
        assertUsageError(CliRun.of(Map.of("AZURE_OPENAI_API_KEY", "k"), "run", "prompts/sample.txt"),
                "AZURE_OPENAI_ENDPOINT");
    }

    @Test
    void unreadableConfig() {
        assertUsageError(CliRun.of("run", "prompts/sample.txt", "--config", dir.resolve("none.yaml").toString()),
                "none.yaml");
    }

    @Test
    void unknownProfile() throws Exception {
        Path config = file("pb.yaml", "profiles:\n  local:\n    provider: simulator\n");
        assertUsageError(CliRun.of("run", "prompts/sample.txt", "--config", config.toString(), "--profile", "nope"),
                "nope");
    }

    @Test
    void outExistsWithoutForce() throws Exception {
        Path out = file("exists.jsonl", "x");
        assertUsageError(CliRun.of("run", "prompts/sample.txt", "--out", out.toString()), "--force");
        assertEquals("x", Files.readString(out), "the existing file is left alone");
    }

    @Test
    void noCommand() {
        CliRun run = CliRun.of();
        assertEquals(2, run.exitCode());
    }

    @Test
    void aWordFlagTakesOnlyItsWords() {
        assertUsageError(CliRun.of("run", "prompts/sample.txt", "--order", "last"),
                "--order': expected seq-first, par-first, alternate (got 'last')");
        assertUsageError(CliRun.of("run", "prompts/sample.txt", "--arrival", "bursty"),
                "--arrival': expected constant, poisson, gamma (got 'bursty')");
        assertUsageError(CliRun.of("run", "prompts/sample.txt", "--provider", "bedrock"),
                "--provider': expected azure, openai (got 'bedrock')");
        assertUsageError(CliRun.of("run", "prompts/sample.txt", "--auth", "aad"),
                "--auth': expected key, entra (got 'aad')");
        assertUsageError(CliRun.of("run", "prompts/sample.txt", "--mode", "fast"),
                "--mode': expected compare, sequential, parallel (got 'fast')");
    }
}
