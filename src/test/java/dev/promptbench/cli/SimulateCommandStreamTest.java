package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.sim.Simulator;
import dev.promptbench.sim.SimulatorSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The streaming options of {@code simulate} ({@code --tokens-per-chunk}, {@code --stall}) and their {@code --sim-} twins on run. */
class SimulateCommandStreamTest {

    private final StringWriter err = new StringWriter();

    private CommandLine commandLine(Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        return commandLine;
    }

    @Test
    void byDefaultOneTokenPerEventAndNoStall() {
        SimulateCommand command = new SimulateCommand();
        commandLine(command).parseArgs();
        assertEquals(1, command.settings().answers().tokensPerChunk());
        assertEquals(SimulatorSettings.Stall.none(), command.settings().stall());
    }

    @Test
    void streamingOptionsBecomeSettings() {
        SimulateCommand command = new SimulateCommand();
        commandLine(command).parseArgs("--tokens-per-chunk", "4", "--stall", "10s:2s", "--token-delay", "20ms");
        SimulatorSettings settings = command.settings();
        assertEquals(4, settings.answers().tokensPerChunk());
        assertEquals(new SimulatorSettings.Stall(Duration.ofSeconds(10), Duration.ofSeconds(2)), settings.stall());
        assertEquals(Duration.ofMillis(20), settings.answers().tokenDelay());
    }

    @Test
    void badStreamingValuesAreUsageErrors() {
        for (String[] args : new String[][] {{"--tokens-per-chunk", "0"}, {"--tokens-per-chunk", "9"},
                {"--stall", "10s"}, {"--stall", "10:2s"}, {"--stall", "1s:0s"}, {"--stall", "a:b:c"}}) {
            assertEquals(ExitCode.USAGE, commandLine(new SimulateCommand()).execute(args), String.join(" ", args));
        }
        String printed = err.toString();
        assertTrue(printed.contains("--tokens-per-chunk must be between 1 and 8 (got 9)"), printed);
        assertTrue(printed.contains("--stall must be AT:FOR"), printed);
        assertTrue(printed.contains("has no unit"), printed);
        assertTrue(printed.contains("--stall must last longer than 0"), printed);
    }

    @Test
    void theStartupLineNamesTheStall() throws Exception {
        SimulateCommand command = new SimulateCommand();
        CompletableFuture<Simulator> listening = new CompletableFuture<>();
        command.onListening = listening::complete;
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine(command).execute(
                "--port", "0", "--stall", "30s:1.5s"));
        listening.get(10, TimeUnit.SECONDS);
        command.stop.countDown();
        assertEquals(ExitCode.OK, exit.get(10, TimeUnit.SECONDS));
        String first = err.toString().lines().findFirst().orElseThrow();
        assertTrue(first.endsWith(" · stall at 30s for 1.5s"), first);
    }

    @Test
    void runsSimOptionsCarryChunksAndStall() {
        SimulateCommandFaultsTest.RunCommandSimOptions options = new SimulateCommandFaultsTest.RunCommandSimOptions();
        new CommandLine(options).parseArgs("--sim-tokens-per-chunk", "8", "--sim-stall", "0s:300ms",
                "--sim-token-delay", "5ms");
        SimulatorSettings settings = options.simulator.settings();
        assertEquals(8, settings.answers().tokensPerChunk());
        assertEquals(new SimulatorSettings.Stall(Duration.ZERO, Duration.ofMillis(300)), settings.stall());
        assertEquals(Duration.ofMillis(5), settings.answers().tokenDelay());

        SimulateCommandFaultsTest.RunCommandSimOptions bad = new SimulateCommandFaultsTest.RunCommandSimOptions();
        new CommandLine(bad).parseArgs("--sim-tokens-per-chunk", "12");
        UsageException e = assertThrows(UsageException.class, () -> bad.simulator.settings());
        assertTrue(e.getMessage().startsWith("--sim-tokens-per-chunk"), e.getMessage());

        SimulateCommandFaultsTest.RunCommandSimOptions badStall = new SimulateCommandFaultsTest.RunCommandSimOptions();
        new CommandLine(badStall).parseArgs("--sim-stall", "soon");
        e = assertThrows(UsageException.class, () -> badStall.simulator.settings());
        assertTrue(e.getMessage().startsWith("--sim-stall"), e.getMessage());
    }
}
