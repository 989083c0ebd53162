package dev.promptbench.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gets a token by running a command through the platform's shell ({@code sh -c}, or {@code cmd /c} on
 * Windows), for example {@code az account get-access-token --resource https://cognitiveservices.azure.com
 * --query accessToken -o tsv}: its standard output, trimmed, is the token. The command text is never
 * printed (it may hold a secret of its own); a failure says its exit code and the first line of its
 * standard error.
 */
public final class TokenCommand implements TokenSource {
    /** Long enough for the Azure CLI on a cold start, short enough that a hung login prompt is noticed. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final String LABEL = "--token-command";
    /** A token is a few kilobytes; anything much larger is not a token. */
    private static final int MAX_OUTPUT = 64 * 1024;

    private final List<String> argv;
    private final Duration timeout;

    /** Runs {@code command} through the platform's shell with the default timeout. */
    public TokenCommand(String command) {
        this(command, DEFAULT_TIMEOUT, isWindows());
    }

    /** {@code windows} picks {@code cmd /c} over {@code sh -c}. */
    TokenCommand(String command, Duration timeout, boolean windows) {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException(LABEL + " is empty");
        }
        this.argv = windows ? List.of("cmd.exe", "/c", command) : List.of("sh", "-c", command);
        this.timeout = timeout;
    }

    @Override
    public String fetch() {
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new TokenException(LABEL + " could not be started: " + SafeText.line(e.getMessage(), null));
        }
        try {
            // No input: a command that prompts (a login) sees end of input instead of waiting for ever.
            process.getOutputStream().close();
        } catch (IOException e) {
            // The command may have exited already; its output still tells.
        }
        // Both streams are drained at once, so a command that fills one pipe cannot block on it.
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()),
                TokenCommand::ownThread);
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()),
                TokenCommand::ownThread);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new TokenException(LABEL + " did not finish within " + FailureClassifier.format(timeout));
            }
            byte[] out = stdout.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            byte[] err = stderr.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int exit = process.exitValue();
            if (exit != 0) {
                String reason = firstLine(new String(err, nativeCharset()));
                throw new TokenException(LABEL + " failed (exit " + exit + ")"
                        + (reason.isEmpty() ? ", with nothing on stderr" : ": " + reason));
            }
            return token(new String(out, StandardCharsets.UTF_8).strip());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new TokenException(LABEL + " was interrupted");
        } catch (ExecutionException | TimeoutException e) {
            kill(process);
            throw new TokenException(LABEL + ": its output could not be read");
        }
    }

    private static String token(String out) {
        if (out.isEmpty()) {
            throw new TokenException(LABEL + " printed nothing on stdout; it must print the token");
        }
        if (out.startsWith("{")) {
            throw new TokenException(LABEL + " printed JSON; it must print only the token (with the Azure CLI:"
                    + " --query accessToken -o tsv)");
        }
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                // Not echoed: part of it may be the token.
                throw new TokenException(LABEL + " printed more than one word, or characters a token cannot"
                        + " hold; it must print only the token");
            }
        }
        return out;
    }

    private static byte[] read(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() < MAX_OUTPUT) {
                    out.write(buffer, 0, Math.min(n, MAX_OUTPUT - out.size()));
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** The first non-blank line of stderr, made safe (a tool may echo a token in an error). */
    private static String firstLine(String text) {
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                return SafeText.line(line, null);
            }
        }
        return "";
    }

    /** Blocking reads get threads of their own, not the common pool's few. */
    private static void ownThread(Runnable task) {
        Thread thread = new Thread(task, "token-command-output");
        thread.setDaemon(true);
        thread.start();
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** What the console programs write in: the OEM code page on Windows, UTF-8 on most other systems. */
    private static Charset nativeCharset() {
        String name = System.getProperty("native.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** The command text may hold a secret: never shown. */
    @Override
    public String toString() {
        return "TokenCommand[***]";
    }
}
