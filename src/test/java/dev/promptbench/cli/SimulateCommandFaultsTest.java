package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.sim.FaultKind;
import dev.promptbench.sim.RateLimitHeaderStyle;
import dev.promptbench.sim.Simulator;
import dev.promptbench.sim.SimulatorSettings;
import dev.promptbench.sim.ThrottleKind;
import dev.promptbench.sim.Throttles;
import dev.promptbench.sim.TokenCounting;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The fault, rate-limit, key and deployment options of {@code simulate}, and their {@code --sim-} twins on run. */
class SimulateCommandFaultsTest {

    private final StringWriter err = new StringWriter();

    private CommandLine commandLine(SimulateCommand command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        return commandLine;
    }

    @Test
    void withoutTroubleOptionsTheSimulatorBehaves() {
        SimulateCommand command = new SimulateCommand();
        commandLine(command).parseArgs();
        SimulatorSettings settings = command.settings();
        assertEquals(SimulatorSettings.Faults.none(), settings.faults());
        assertEquals(SimulatorSettings.Limits.none(), settings.limits());
        assertEquals(SimulatorSettings.Access.open(), settings.access());
    }

    @Test
    void troubleOptionsBecomeSettings() {
        SimulateCommand command = new SimulateCommand();
        commandLine(command).parseArgs("--fault-rate", "0.1", "--fault-kinds", "500,reset", "--rpm", "120",
                "--tpm", "20000", "--time-scale", "60", "--key", "k1", "--deployments", "a,b");
        SimulatorSettings settings = command.settings();
        assertEquals(new SimulatorSettings.Faults(0.1, EnumSet.of(FaultKind.SERVER_ERROR, FaultKind.RESET)),
                settings.faults());
        assertEquals(new SimulatorSettings.Limits(120, 20_000, 60), settings.limits());
        assertEquals(new SimulatorSettings.Access("k1", Set.of("a", "b")), settings.access());
    }

    @Test
    void impossibleTroubleValuesAreUsageErrors() {
        assertEquals(ExitCode.USAGE, commandLine(new SimulateCommand()).execute("--fault-rate", "1.5"));
        assertEquals(ExitCode.USAGE, commandLine(new SimulateCommand()).execute("--fault-kinds", "500,teapot"));
        assertEquals(ExitCode.USAGE, commandLine(new SimulateCommand()).execute("--rpm", "-1"));
        assertEquals(ExitCode.USAGE, commandLine(new SimulateCommand()).execute("--time-scale", "0"));
        assertEquals(ExitCode.USAGE, commandLine(new SimulateCommand()).execute("--key", " "));
        String printed = err.toString();
        assertTrue(printed.contains("--fault-rate must be between 0 and 1"), printed);
        assertTrue(printed.contains("unknown fault kind 'teapot'"), printed);
        assertTrue(printed.contains("--time-scale must be above 0"), printed);
    }

    @Test
    void causesOf429sBecomeLimitsOnBothCommandsAndBadOnesAreUsageErrors() {
        SimulateCommand command = new SimulateCommand();
        commandLine(command).parseArgs("--429-cause", "capacity:0.2,quota");
        assertEquals(Map.of(ThrottleKind.CAPACITY, 0.2, ThrottleKind.QUOTA, Throttles.DEFAULT_SHARE),
                command.settings().limits().throttles().shares());
        assertTrue(command.settings().limits().describe().contains("429s quota 10%, capacity 20%"),
                command.settings().limits().describe());
        RunCommandSimOptions options = new RunCommandSimOptions();
        new CommandLine(options).parseArgs("--sim-429-cause", "flex:1");
        assertEquals(Map.of(ThrottleKind.FLEX, 1.0), options.simulator.settings().limits().throttles().shares());

        assertEquals(ExitCode.USAGE, commandLine(new SimulateCommand()).execute("--429-cause", "teapot"));
        assertEquals(ExitCode.USAGE, commandLine(new SimulateCommand()).execute("--429-cause", "quota:0.7,flex:0.7"));
        String printed = err.toString();
        assertTrue(printed.contains("--429-cause: unknown 429 cause 'teapot'"), printed);
        assertTrue(printed.contains("add up to more than 1"), printed);
    }

    @Test
    void theStartupLineNamesTheTroubleButNeverTheKey() throws Exception {
        SimulateCommand command = new SimulateCommand();
        CompletableFuture<Simulator> listening = new CompletableFuture<>();
        command.onListening = listening::complete;
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine(command).execute(
                "--port", "0", "--ttft-median", "0ms", "--token-delay", "0ms", "--fault-rate", "0.25",
                "--fault-kinds", "503", "--tpm", "60000", "--key", "secret-rehearsal-key", "--deployments", "gpt-a"));
        Simulator simulator = listening.get(10, TimeUnit.SECONDS);

        HttpRequest wrongKey = HttpRequest.newBuilder(URI.create(simulator.baseUri()
                        + "/openai/deployments/gpt-a/chat/completions?api-version=2024-10-21"))
                .header("api-key", "wrong")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(wrongKey, HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());

        command.stop.countDown();
        assertEquals(ExitCode.OK, exit.get(10, TimeUnit.SECONDS));
        String first = err.toString().lines().findFirst().orElseThrow();
        assertTrue(first.endsWith(" · faults 25% (503) · limits per deployment 360 RPM (from TPM), 60000 TPM"
                + " · key required, deployments gpt-a"), first);
        assertTrue(err.toString().contains("OPENAI_API_KEY=<your --key>"), err.toString());
        assertTrue(err.toString().contains("--model gpt-a"), err.toString());
        assertFalse(err.toString().contains("secret-rehearsal-key"), err.toString());
    }

    @Test
    void runsSimOptionsBecomeTheInProcessSimulatorsSettings() {
        RunCommandSimOptions options = new RunCommandSimOptions();
        new CommandLine(options).parseArgs("--sim-fault-rate", "0.2", "--sim-fault-kinds", "malformed",
                "--sim-rpm", "600", "--sim-tpm", "100000", "--sim-time-scale", "30");
        SimulatorSettings settings = options.simulator.settings();
        assertEquals(new SimulatorSettings.Faults(0.2, Set.of(FaultKind.MALFORMED)), settings.faults());
        assertEquals(new SimulatorSettings.Limits(600, 100_000, 30), settings.limits());
        assertEquals(SimulatorSettings.Access.open(), settings.access());

        RunCommandSimOptions none = new RunCommandSimOptions();
        new CommandLine(none).parseArgs();
        assertEquals(SimulatorSettings.defaults(), none.simulator.settings(), "defaults mean the same as before");
    }

    @Test
    void runsBadSimOptionsAreUsageErrorsNamingTheOption() {
        RunCommandSimOptions options = new RunCommandSimOptions();
        new CommandLine(options).parseArgs("--sim-fault-rate", "-0.1");
        UsageException e = assertThrows(UsageException.class,
                () -> options.simulator.settings());
        assertTrue(e.getMessage().startsWith("--sim-fault-rate"), e.getMessage());
    }

    @Test
    void tokenCountingAndRateLimitHeadersBecomeLimitsOnBothCommands() {
        SimulateCommand command = new SimulateCommand();
        commandLine(command).parseArgs("--tpm", "60000", "--token-counting", "chars4", "--rate-limit-headers", "none");
        assertEquals(new SimulatorSettings.Limits(0, 60_000, 1, TokenCounting.CHARS4, RateLimitHeaderStyle.NONE),
                command.settings().limits());

        RunCommandSimOptions options = new RunCommandSimOptions();
        new CommandLine(options).parseArgs("--sim-tpm", "60000", "--sim-token-counting", "chars4",
                "--sim-rate-limit-headers", "remaining");
        assertEquals(new SimulatorSettings.Limits(0, 60_000, 1, TokenCounting.CHARS4, RateLimitHeaderStyle.REMAINING),
                options.simulator.settings().limits());
    }

    @Test
    void unknownTokenCountingOrHeaderStyleIsAUsageErrorNamingTheOption() {
        assertEquals(ExitCode.USAGE, commandLine(new SimulateCommand()).execute("--token-counting", "bytes"));
        assertTrue(err.toString().contains("--token-counting must be words or chars4 (got 'bytes')"), err.toString());
        RunCommandSimOptions options = new RunCommandSimOptions();
        new CommandLine(options).parseArgs("--sim-rate-limit-headers", "some");
        UsageException e = assertThrows(UsageException.class, () -> options.simulator.settings());
        assertEquals("--sim-rate-limit-headers must be all, remaining or none (got 'some')", e.getMessage());
    }

    /** Only the simulator options, as {@code run} declares them. */
    @CommandLine.Command(name = "sim-options", modelTransformer = SimulatorOptions.AsSimFlags.class)
    static final class RunCommandSimOptions implements SimulatorOptions.Simulated {
        final SimulatorOptions simulator = new SimulatorOptions();

        @Override
        public SimulatorOptions simulatorOptions() {
            return simulator;
        }
    }
}
