package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.sim.Simulator;
import dev.promptbench.sim.SimulatorSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCommandTest {

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private CommandLine commandLine(SimulateCommand command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(out, true));
        return commandLine;
    }

    @Test
    void defaultsAreTheSimulatorDefaultsOnPort8080() {
        SimulateCommand command = new SimulateCommand();
        commandLine(command).parseArgs();
        SimulatorSettings d = SimulatorSettings.defaults();
        assertEquals(new SimulatorSettings(d.host(), 8080, d.seed(), d.answers()), command.settings());
    }

    @Test
    void servesUntilStoppedThenReturnsZero() throws Exception {
        SimulateCommand command = new SimulateCommand();
        CompletableFuture<Simulator> listening = new CompletableFuture<>();
        command.onListening = listening::complete;
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine(command)
                .execute("--port", "0", "--ttft-median", "0ms", "--ttft-sigma", "0", "--token-delay", "0ms", "--tokens", "5"));

        Simulator simulator = listening.get(10, TimeUnit.SECONDS);
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUri() + "/v1/chat/completions"))
                .header("Authorization", "Bearer anything")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"sim\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"completion_tokens\":5"), response.body());

        command.stop.countDown();
        assertEquals(ExitCode.OK, exit.get(10, TimeUnit.SECONDS));
        String printed = err.toString();
        assertTrue(printed.startsWith("promptbench simulator listening on " + simulator.baseUri()
                + " (Azure: /openai/deployments/<any>/chat/completions, v1: /openai/v1/chat/completions,"
                + " OpenAI: /v1/chat/completions; Responses API: /openai/v1/responses, /v1/responses;"
                + " Files and Batch API under the same prefixes)"), printed);
        assertTrue(printed.contains("--endpoint " + simulator.baseUri() + " --provider openai --model sim"), printed);
        assertEquals("", out.toString(), "nothing on stdout");
    }

    @Test
    void batchFlagsSetTheBatchApi() {
        SimulateCommand command = new SimulateCommand();
        commandLine(command).parseArgs("--batch-duration", "500ms", "--batch-window", "2s", "--batch-quirks");
        assertEquals(new SimulatorSettings.Batches(java.time.Duration.ofMillis(500), java.time.Duration.ofSeconds(2),
                true), command.settings().batches());
        assertEquals("batches 0.5s, window 2s (Azure quirks)", command.settings().batches().describe());
        assertEquals(ExitCode.USAGE, commandLine(new SimulateCommand()).execute("--batch-window", "0s"));
        assertTrue(err.toString().contains("--batch-window must be longer than 0"), err.toString());
    }

    @Test
    void aPortInUseIsAOneLineUsageError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int code = commandLine(new SimulateCommand()).execute("--port", String.valueOf(taken.getLocalPort()));
            assertEquals(ExitCode.USAGE, code);
        }
        String printed = err.toString();
        assertEquals(1, printed.lines().count(), printed);
        assertTrue(printed.contains("in use"), printed);
        assertFalse(printed.contains("Exception"), printed);
    }

    @Test
    void aBareNumberDurationIsAUsageErrorNamingTheUnits() {
        int code = commandLine(new SimulateCommand()).execute("--ttft-median", "800");
        assertEquals(ExitCode.USAGE, code);
        assertTrue(err.toString().contains("ms, s, m or h"), err.toString());
    }

    @Test
    void impossibleModelValuesAreUsageErrors() {
        assertEquals(ExitCode.USAGE, commandLine(new SimulateCommand()).execute("--tokens", "0"));
        assertEquals(ExitCode.USAGE, commandLine(new SimulateCommand()).execute("--ttft-sigma", "-1"));
        assertEquals(ExitCode.USAGE, commandLine(new SimulateCommand()).execute("--port", "70000"));
        assertTrue(err.toString().contains("--tokens must be at least 1"), err.toString());
    }
}
