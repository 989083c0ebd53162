package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.sim.Simulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The simulator over HTTPS: in-process with {@code run --sim-tls}, standalone with {@code simulate --tls}. */
class SimulatorTlsCliTest {
    private static final String[] FAST = {"--threads", "2", "--no-warmup", "--retries", "0", "--force"};

    @TempDir
    Path dir;

    private List<String> args(String... first) {
        List<String> args = new ArrayList<>(List.of(first));
        args.addAll(List.of(FAST));
        args.addAll(List.of("--out", dir.resolve("results.jsonl").toString()));
        return args;
    }

    @Test
    void runWithSimTlsTrustsItsOwnSimulatorOverHttps() {
        List<String> args = args("run", "prompts/sample.txt", "--sim-tls", "--sim-ttft-median", "1ms",
                "--sim-token-delay", "0ms");
        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        String firstLine = run.err().lines().findFirst().orElseThrow();
        assertTrue(firstLine.contains("simulator https://127.0.0.1:"), firstLine);
        assertTrue(firstLine.contains("· https"), firstLine);
        // The JDK's HTTPS server has no HTTP/2.
        assertTrue(run.err().contains("over http/1.1"), run.err());
    }

    @Test
    void simulateWithTlsNeedsTheCaCertItPrints() throws Exception {
        StringWriter err = new StringWriter();
        SimulateCommand command = new SimulateCommand();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        CompletableFuture<Simulator> listening = new CompletableFuture<>();
        command.onListening = listening::complete;
        Path pem = dir.resolve("sim.pem");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute("--port", "0",
                "--tls", "--cert-out", pem.toString(), "--ttft-median", "1ms", "--token-delay", "0ms"));
        try {
            Simulator simulator = listening.get(10, TimeUnit.SECONDS);
            String endpoint = "https://127.0.0.1:" + simulator.port();
            String printed = err.toString();
            assertTrue(printed.contains("listening on " + endpoint), printed);
            assertTrue(printed.contains("HTTP/1.1 only (the JDK's server has no HTTP/2)"), printed);
            String certificate = Files.readString(pem, StandardCharsets.US_ASCII);
            assertTrue(certificate.startsWith("-----BEGIN CERTIFICATE-----"), certificate);
            assertTrue(printed.contains(certificate), "the PEM is printed too");
            assertTrue(printed.contains("--ca-cert " + pem), printed);

            Map<String, String> env = Map.of("OPENAI_API_KEY", "anything");
            List<String> untrusted = args("run", "prompts/sample.txt", "--endpoint", endpoint, "--provider", "openai",
                    "--model", "m");
            CliRun refused = CliRun.of(env, untrusted.toArray(String[]::new));
            assertEquals(ExitCode.FATAL_ENDPOINT, refused.exitCode(), refused.err());
            assertTrue(refused.err().contains("TLS: the certificate of 127.0.0.1 is not trusted"), refused.err());
            assertTrue(refused.err().contains("pass --ca-cert FILE"), refused.err());
            assertFalse(refused.err().contains("Exception"), refused.err());

            List<String> trusted = new ArrayList<>(untrusted);
            trusted.addAll(List.of("--ca-cert", pem.toString()));
            CliRun ok = CliRun.of(env, trusted.toArray(String[]::new));
            assertEquals(ExitCode.OK, ok.exitCode(), ok.err());
            assertTrue(ok.err().lines().findFirst().orElseThrow().contains("· https"), ok.err());
            assertTrue(simulator.requestCount() >= 9, "canary and 4 prompts twice: " + simulator.requestCount());
        } finally {
            command.stop.countDown();
        }
        assertEquals(ExitCode.OK, exit.get(10, TimeUnit.SECONDS));
    }

    @Test
    void certOutWithoutTlsIsAUsageError() {
        CliRun run = CliRun.of("simulate", "--port", "0", "--cert-out", dir.resolve("x.pem").toString());
        assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--cert-out needs --tls"), run.err());
    }
}
