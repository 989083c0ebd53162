package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's table of refused inputs cannot rot: each row's command is run as written (its files made
 * first, in a folder of their own) and must print the row's message as one line on stderr, with the row's
 * exit code, having sent nothing.
 */
class RefusedInputsTableTest {
    private static final Pattern ROW = Pattern.compile("^\\| (`.*`) \\| `(.*)` \\| (\\d+) \\|$");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern FILE = Pattern.compile("(\\S+): `([^`]*)`");

    @TempDir
    Path dir;

    /** One row: the command (env assignments first), the files it needs, the message and the exit code. */
    private record Row(String command, Map<String, String> files, String message, int exit) {}

    static List<Row> rows() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf("### Refused inputs");
        assertTrue(start >= 0, "README.md has a '### Refused inputs' section");
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) break;
            Matcher row = ROW.matcher(line);
            if (!row.matches()) continue;
            String input = row.group(1);
            Matcher code = CODE.matcher(input);
            assertTrue(code.find(), line);
            String command = code.group(1);
            Map<String, String> files = new HashMap<>();
            Matcher file = FILE.matcher(input.substring(code.end()));
            while (file.find()) files.put(file.group(1), file.group(2).replace("\\n", "\n"));
            rows.add(new Row(command, files, row.group(2).replace("\\|", "|"), Integer.parseInt(row.group(3))));
        }
        return rows;
    }

    @Test
    void everyRefusedInputPrintsTheReadmesMessageAndExitCode() throws Exception {
        List<Row> rows = rows();
        assertTrue(rows.size() >= 20, "the table lists the refused inputs: " + rows.size());
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (Row row : rows) {
            Path folder = Files.createDirectories(dir.resolve("row" + n++));
            Files.writeString(folder.resolve("p.txt"), "Say hello.\n");
            for (Map.Entry<String, String> file : row.files().entrySet()) {
                Files.writeString(folder.resolve(file.getKey()), file.getValue());
            }
            Map<String, String> env = new HashMap<>();
            List<String> args = new ArrayList<>();
            for (String word : row.command().split(" ")) {
                if (args.isEmpty() && word.matches("[A-Z_]+=.*")) {
                    env.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
                } else if (word.matches("[\\w-]+\\.\\w+") && !word.startsWith("-")) {
                    args.add(folder.resolve(word).toString()); // a file name: in this row's folder
                } else {
                    args.add(word);
                }
            }
            CliRun run = CliRun.of(env, args.toArray(String[]::new));
            String err = run.err().replace(folder + "/", "");
            boolean printed = err.lines().anyMatch(line -> line.equals(row.message()));
            if (!printed || run.exitCode() != row.exit()) {
                wrong.add(row.command() + "\n    README: " + row.message() + " (exit " + row.exit() + ")\n    prints: "
                        + err.strip().replace("\n", "\n            ") + " (exit " + run.exitCode() + ")");
            }
            assertFalse(err.contains("Exception"), row.command() + ": " + err);
        }
        assertTrue(wrong.isEmpty(), "README's refused inputs that the code no longer prints so:\n"
                + String.join("\n", wrong));
    }
}
