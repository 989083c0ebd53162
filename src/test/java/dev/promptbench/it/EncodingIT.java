package dev.promptbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output is UTF-8 whatever the platform encoding: a Japanese-locale Windows console or a POSIX
 * locale must not turn the Japanese sample answers into question marks. Runs the packaged jar with
 * a non-UTF-8 default and stdout encoding, from a folder whose name has a space.
 */
class EncodingIT {
    @TempDir
    Path dir;

    @Test
    void stdoutAndTheResultsFileAreUtf8UnderANonUtf8Default() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("with space"));
        Path prompts = folder.resolve("sample prompts.txt");
        Files.copy(Path.of("prompts/sample.txt"), prompts);
        Path results = folder.resolve("results file.jsonl");
        Path stdout = folder.resolve("stdout.bin");
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=ISO-8859-1", "-Dstdout.encoding=ISO-8859-1", "-Dsun.stdout.encoding=ISO-8859-1",
                "-jar", System.getProperty("promptbench.jar"), "run", prompts.toString(), "--mode", "sequential",
                "--show-answers", "--sim-ttft-median", "0ms", "--sim-token-delay", "0ms", "--no-warmup",
                "--out", results.toString()))
                .redirectOutput(stdout.toFile()).redirectError(folder.resolve("stderr.txt").toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), Files.readString(folder.resolve("stderr.txt")));

        String out = strictUtf8(Files.readAllBytes(stdout));
        assertTrue(out.matches("(?s).*[\\u3040-\\u30ff\\u4e00-\\u9fff].*"), "Japanese answers on stdout: " + out);
        String file = strictUtf8(Files.readAllBytes(results));
        assertTrue(file.matches("(?s).*\"answer\":\"[^\"]*[\\u3040-\\u30ff].*"), "Japanese answers in the file");
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }
}
