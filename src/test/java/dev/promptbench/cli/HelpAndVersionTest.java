package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptbench.app.Version;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help is clean and -V answers, for the commands there are today and those added later. */
class HelpAndVersionTest {

    /** Every command's name path, e.g. [] for promptbench itself, [run], [batch, run]. */
    private static List<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        collect(Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of()),
                new ArrayList<>(), all);
        return all;
    }

    private static void collect(CommandLine cli, List<String> path, List<List<String>> all) {
        all.add(List.copyOf(path));
        cli.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandName().equals(name)) return; // an alias
            List<String> deeper = new ArrayList<>(path);
            deeper.add(name);
            collect(sub, deeper, all);
        });
    }

    /** Runs the command, also capturing what picocli's own tracer writes to the process's stderr. */
    private static CliRun runCapturingTracer(List<String> args) {
        PrintStream original = System.err;
        ByteArrayOutputStream tracer = new ByteArrayOutputStream();
        CliRun run;
        try {
            System.setErr(new PrintStream(tracer, true, StandardCharsets.UTF_8));
            run = CliRun.of(args.toArray(String[]::new));
        } finally {
            System.setErr(original);
        }
        return new CliRun(run.exitCode(), run.out(), run.err() + tracer.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyCommandsHelpPrintsNoWarning() {
        List<List<String>> commands = commands();
        assertTrue(commands.size() >= 5, commands.toString());
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            CliRun run = runCapturingTracer(args);
            assertEquals(0, run.exitCode(), command + ": " + run.err());
            assertTrue(run.out().contains("Usage:"), command + ": " + run.out());
            assertFalse(run.err().contains("WARN"), command + ": " + run.err());
            assertFalse(run.out().contains("%n"), command + " shows an unformatted %n: " + run.out());
        }
    }

    @Test
    void everyCommandPrintsTheVersion() {
        for (List<String> command : commands()) {
            List<String> args = new ArrayList<>(command);
            args.add("-V");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), command + ": " + run.err());
            assertTrue(run.out().startsWith("promptbench " + Version.current()), command + ": '" + run.out() + "'");
        }
    }

    @Test
    void aDryRunInJsonPrintsOneJsonDocument() throws Exception {
        CliRun run = CliRun.of("run", "prompts/sample.txt", "--dry-run", "--format", "json", "--max-tokens", "10");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode document = new ObjectMapper().readTree(run.out());
        assertTrue(document.path("dry_run").asBoolean(), run.out());
        assertEquals(9, document.path("requests").asInt(), run.out());
        assertEquals(4, document.path("modes").path("sequential").path("requests").asInt(), run.out());
        assertEquals(81, document.path("max_completion_tokens").asInt(), run.out());
        assertTrue(document.path("prompt_tokens").asInt() > 0, run.out());
        assertTrue(document.path("cost").isNull(), run.out());
        assertEquals("simulator", document.path("endpoints").path(0).path("kind").asText(), run.out());
    }
}
