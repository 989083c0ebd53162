package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Real commands through {@code sh -c}: what {@code --token-command} runs. */
@DisabledOnOs(OS.WINDOWS)
class TokenCommandTest {
    @TempDir
    Path dir;

    private String script(String body) throws IOException {
        Path file = dir.resolve("token-" + Integer.toHexString(body.hashCode()) + ".sh");
        Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return "'" + file + "'";
    }

    @Test
    void stdoutTrimmedIsTheToken() throws IOException {
        assertEquals("abc.def.ghi", new TokenCommand(script("printf '  abc.def.ghi\\n\\n'")).fetch());
    }

    @Test
    void aFailingCommandSaysItsExitCodeAndFirstStderrLine() throws IOException {
        TokenException e = assertThrows(TokenException.class, () -> new TokenCommand(script(
                "echo 'ERROR: Please run az login to setup account.' >&2; echo 'second line' >&2; exit 3")).fetch());
        assertEquals("--token-command failed (exit 3): ERROR: Please run az login to setup account.", e.getMessage());
    }

    @Test
    void aFailingCommandWithoutStderrSaysSo() throws IOException {
        TokenException e = assertThrows(TokenException.class, () -> new TokenCommand(script("exit 1")).fetch());
        assertEquals("--token-command failed (exit 1), with nothing on stderr", e.getMessage());
    }

    @Test
    void aTokenOnStderrIsMasked() throws IOException {
        String token = Jwts.expiringAt(Instant.parse("2030-01-01T00:00:00Z"), "LEAK");
        TokenException e = assertThrows(TokenException.class,
                () -> new TokenCommand(script("echo 'cached token " + token + " is bad' >&2; exit 2")).fetch());
        assertFalse(e.getMessage().contains("LEAK"), e.getMessage());
        assertTrue(e.getMessage().startsWith("--token-command failed (exit 2): cached token *** is bad"), e.getMessage());
    }

    @Test
    void outputThatIsNotATokenIsRefusedWithoutEchoingIt() throws IOException {
        assertEquals("--token-command printed nothing on stdout; it must print the token",
                assertThrows(TokenException.class, () -> new TokenCommand(script("true")).fetch()).getMessage());
        assertEquals("--token-command printed JSON; it must print only the token (with the Azure CLI: --query"
                        + " accessToken -o tsv)",
                assertThrows(TokenException.class, () -> new TokenCommand(
                        script("echo '{\"accessToken\": \"SECRET-1\"}'")).fetch()).getMessage());
        TokenException twoWords = assertThrows(TokenException.class,
                () -> new TokenCommand(script("echo 'WARNING-SECRET-2 token'")).fetch());
        assertFalse(twoWords.getMessage().contains("SECRET"), twoWords.getMessage());
    }

    @Test
    void aHungCommandIsStoppedAtTheTimeout() throws IOException {
        TokenCommand command = new TokenCommand(script("sleep 30"), Duration.ofMillis(300), false);
        assertEquals("--token-command did not finish within 300 ms",
                assertThrows(TokenException.class, command::fetch).getMessage());
    }

    @Test
    void theCommandIsRunAgainWhenTheTokenIsAboutToExpire() throws IOException {
        // The script counts its runs in a file and prints a JWT that expires an hour after the test's start.
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        Path count = dir.resolve("count");
        String jwt = Jwts.expiringAt(start.plus(Duration.ofHours(1)), "");
        String command = script("n=$(cat '" + count + "' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '" + count
                + "'; echo '" + jwt + "'$n");
        MutableClock clock = new MutableClock(start);
        TokenCredential credential = TokenCredential.refreshing(new TokenCommand(command), "--token-command", clock);

        assertEquals("Bearer " + jwt + "1", credential.headerValue());
        clock.advance(Duration.ofMinutes(30));
        assertEquals("Bearer " + jwt + "1", credential.headerValue());
        assertEquals("1", Files.readString(count).strip());

        clock.advance(Duration.ofMinutes(26)); // 4 minutes before the expiry
        assertEquals("Bearer " + jwt + "2", credential.headerValue());
        assertEquals("2", Files.readString(count).strip());
    }

    @Test
    void theCommandTextIsNeverShown() throws IOException {
        TokenCommand command = new TokenCommand(script("echo x") + " --client-secret HUSH");
        assertFalse(command.toString().contains("HUSH"));
    }
}
