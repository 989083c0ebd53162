package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The top-level help and version: same text whichever subcommands are built, and no picocli warnings. */
class MainHelpTest {

    @Test
    void helpListsEverySubcommandAsWhenAllAreBuilt() {
        StringWriter full = new StringWriter();
        Main.commandLine(new PrintWriter(full, true), new PrintWriter(new StringWriter(), true), Map.of())
                .usage(new PrintWriter(full, true));

        CliRun help = CliRun.of("--help");

        assertEquals(0, help.exitCode());
        assertEquals(full.toString(), help.out());
        for (String command : new String[] {"run", "sweep", "simulate", "report", "batch"}) {
            assertTrue(help.out().contains("\n  " + command + " "), command);
        }
    }

    @Test
    void subcommandHelpIsStillTheSubcommands() {
        CliRun help = CliRun.of("sweep", "--help");

        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("Usage: promptbench sweep"), help.out());
        assertTrue(help.out().contains("--threads"), help.out());
    }

    @Test
    void versionNamesTheProgramAndTheJava() {
        CliRun version = CliRun.of("--version");

        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("promptbench "), version.out());
        assertTrue(version.out().contains("Java " + System.getProperty("java.version")), version.out());
    }

    @Test
    void versionIsWhatPicocliPrintsForIt() {
        StringWriter picocli = new StringWriter();
        int code = Main.commandLine(new PrintWriter(picocli, true), new PrintWriter(new StringWriter(), true), Map.of())
                .execute("--version");

        for (String flag : new String[] {"--version", "-V"}) {
            CliRun version = CliRun.of(flag);
            assertEquals(code, version.exitCode(), flag);
            assertEquals(picocli.toString(), version.out(), flag);
            assertEquals("", version.err(), flag);
        }
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun run = CliRun.of("rnu");

        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("rnu"), run.err());
    }

    @Test
    void helpTextsFormatWithoutPicocliWarnings() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        // picocli reports a description it cannot format (a lone '%') on System.err, not on our writer.
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            CliRun top = CliRun.of("--help");
            CliRun sweep = CliRun.of("sweep", "--help");
            assertTrue(top.out().contains("less than 10%,"), top.out());
            assertTrue(sweep.out().contains("less than 10%,"), sweep.out());
        } finally {
            System.setErr(original);
        }
        assertFalse(captured.toString(StandardCharsets.UTF_8).contains("picocli WARN"),
                captured.toString(StandardCharsets.UTF_8));
    }
}
