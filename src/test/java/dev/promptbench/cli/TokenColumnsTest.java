package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table shows reasoning and cached tokens only when some answer had any: a plain chat run, whose service
 * reports 0 of each, gets no "reasoning 0 (0%)" to puzzle over; the JSON keeps the known 0.
 */
class TokenColumnsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> WIDE = Map.of("COLUMNS", "200");

    @TempDir
    Path dir;

    private CliRun run(String... more) throws Exception {
        Path prompts = dir.resolve("p.txt");
        Files.writeString(prompts, "one\ntwo\n");
        String[] base = {"run", prompts.toString(), "--mode", "parallel", "--threads", "2", "--no-warmup",
            "--quiet", "--sim-ttft-median", "0ms", "--sim-token-delay", "0ms"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(WIDE, args);
    }

    @Test
    void aPlainChatRunShowsNoReasoningOrCachedColumnButItsJsonKnowsTheZeros() throws Exception {
        CliRun table = run("--out", dir.resolve("a.jsonl").toString());
        assertEquals(0, table.exitCode(), table.err());
        assertFalse(table.out().contains("reasoning"), table.out());
        assertFalse(table.out().contains("cached"), table.out());

        CliRun json = run("--out", dir.resolve("b.jsonl").toString(), "--format", "json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode tokens = JSON.readTree(json.out()).path("modes").path("parallel").path("tokens");
        assertEquals(0, tokens.path("reasoning").asInt(-1), tokens.toString());
        assertEquals(0, tokens.path("cached").asInt(-1), tokens.toString());
    }

    /** The legend's TPOT basis does not speak of reasoning tokens left out when there were none. */
    @Test
    void aStreamedPlainRunsTpotIsOverAllCompletionTokens() throws Exception {
        CliRun table = run("--out", dir.resolve("d.jsonl").toString(), "--stream");
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("tpot = time per output token after the first over all completion tokens"),
                table.out());
        assertFalse(table.out().contains("did not say"), "the service did say: none were reasoning\n" + table.out());
        assertFalse(table.out().contains("reasoning"), table.out());
    }

    @Test
    void reasoningTokensGetTheirColumn() throws Exception {
        CliRun table = run("--out", dir.resolve("c.jsonl").toString(), "--sim-reasoning-tokens", "10");
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("reasoning"), table.out());
        assertFalse(table.out().contains("cached"), table.out());
    }
}
