package dev.promptbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptbench.client.ApiKeyCredential;
import dev.promptbench.client.ApiStyle;
import dev.promptbench.client.ClientSettings;
import dev.promptbench.client.Endpoint;
import dev.promptbench.clock.Clocks;
import dev.promptbench.clock.Sleeper;
import dev.promptbench.clock.TestClocks;
import dev.promptbench.clock.Ticker;
import dev.promptbench.control.RetryPolicy;
import dev.promptbench.prompt.PromptFile;
import dev.promptbench.prompt.TextPromptStyle;
import dev.promptbench.results.request.Mode;
import dev.promptbench.results.request.ThrottleCause;
import dev.promptbench.run.Plan;
import dev.promptbench.run.RequestSettings;
import dev.promptbench.run.RunControl;
import dev.promptbench.sim.Simulator;
import dev.promptbench.sim.SimulatorSettings;
import dev.promptbench.stats.ModeSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets and adaptive concurrency wired end to end against the built-in simulator with Azure-style
 * limits, its clock ×10: 1,000 tokens a second holding one second's worth, and 1,000 requests a second
 * (so tokens bind).
 */
class RateControlRunTest {
    private static final SimulatorSettings.Limits LIMITS = new SimulatorSettings.Limits(6_000, 6_000, 10);
    /**
     * The same limits on a clock slowed a million times: the buckets hold what they hold and practically never
     * refill, so 60 requests of about 24 tokens each overrun the 1,000 tokens however slowly a loaded machine
     * sends them (and the service's Retry-After is far beyond --max-wait: nothing waits for it). A wait that
     * long is how Azure says a quota is used up, so the first such 429 stops the run and the rest is not_run.
     */
    private static final SimulatorSettings.Limits NO_REFILL = new SimulatorSettings.Limits(6_000, 6_000, 1e-6);

    @TempDir
    Path dir;

    private record Run(ModeSummary summary, List<String> notices, Path results) {}

    private Run run(RateControl rate, String name) throws Exception {
        return run(rate, name, List.of(), LIMITS);
    }

    private Run run(RateControl rate, String name, List<Endpoint> endpoints) throws Exception {
        return run(rate, name, endpoints, LIMITS);
    }

    private Run run(RateControl rate, String name, List<Endpoint> endpoints, SimulatorSettings.Limits limits)
            throws Exception {
        Path promptsFile = dir.resolve("prompts.txt");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 60; i++) lines.append("say hello to the world number ").append(i).append('\n');
        Files.writeString(promptsFile, lines);
        Path results = dir.resolve(name + ".jsonl");
        List<String> notices = new CopyOnWriteArrayList<>();
        List<ModeSummary> summaries = new ArrayList<>();
        try (PromptFile prompts = PromptFile.open(promptsFile.toString(), TextPromptStyle.DEFAULT)) {
            RunSpec spec = TestRuns.run(prompts, List.of(new Plan.Parallel(16)),
                    new RequestSettings(null, null, null, 16, false, false), endpoints,
                    SimulatorSettings.instant().withLimits(limits), results, rate);
            new BatchRunner(new RunControl(Duration.ofSeconds(5), Ticker.system()),
                    Clocks.system(Clock.systemUTC())).run(spec, new RunListener() {
                @Override public void notice(String line) { notices.add(line); }

                @Override public void modeFinished(ModeSummary summary) { summaries.add(summary); }
            });
        }
        assertEquals(1, summaries.size());
        assertEquals(Mode.PARALLEL, summaries.get(0).mode());
        return new Run(summaries.get(0), notices, results);
    }

    @Test
    void withoutRateControl429sComeBackAndTheRunSaysWhatToTry() throws Exception {
        Run run = run(RateControl.none(), "naive", List.of(), NO_REFILL);
        assertTrue(run.summary().rateLimited() > 0, "60 requests of ~24 tokens overrun a 1,000-token bucket");
        assertEquals(60, run.summary().ok() + run.summary().errors() + run.summary().notRun(),
                "every prompt has its record");
        // The notice names the causes the classifier told (a bucket that never refills asks for a wait that
        // makes them quota_exhausted) and what to do about the most frequent one.
        String notice = run.notices().stream().filter(n -> n.contains("answered 429 (")).findFirst().orElseThrow();
        run.summary().rateLimitedBy().forEach((cause, n) -> assertTrue(notice.contains(n + " " + cause), notice));
        assertTrue(notice.contains(": " + ThrottleCause.named(run.summary().rateLimitedBy().keySet().iterator().next())
                .advice()) || notice.contains("--tpm/--rpm"), notice);
    }

    @Test
    void aTokenBudgetKeepsUnderTheLimitWithNo429s() throws Exception {
        // The simulator's clock runs ×10, so its 6,000 TPM are 60,000 a real minute (its RPM likewise).
        Run run = run(new RateControl(60_000, 60_000, false), "budgeted");
        assertEquals(0, run.summary().rateLimited(), "paced under the limit: no 429");
        assertEquals(60, run.summary().ok());
        assertTrue(run.notices().contains("budget: 60000 RPM, 60000 TPM (paced, bursts of at most one second's worth)"),
                run.notices().toString());
        assertTrue(run.notices().stream().noneMatch(n -> n.contains("answered 429")));
    }

    @Test
    void adaptiveConcurrencyRecordsEveryChangeOfItsLimit() throws Exception {
        Run run = run(new RateControl(null, null, true), "adaptive");
        assertEquals(60, run.summary().ok() + run.summary().errors());
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> limits = new ArrayList<>();
        for (String line : Files.readAllLines(run.results())) {
            JsonNode record = json.readTree(line);
            if ("limit".equals(record.path("type").asText())) limits.add(record);
        }
        assertTrue(!limits.isEmpty(), "the limit moved at least once");
        JsonNode first = limits.get(0);
        assertEquals("parallel", first.get("mode").asText());
        assertEquals(0, first.get("repeat").asInt());
        assertTrue(first.get("offset_ms").asDouble() >= 0);
        assertTrue(first.get("limit").asInt() >= 1 && first.get("limit").asInt() <= 16);
        assertTrue(first.hasNonNull("reason"));
        assertTrue(run.notices().stream().anyMatch(n -> n.startsWith("parallel: adaptive limit changed")),
                run.notices().toString());
    }

    @Test
    void twoDeploymentsShareTheWorkEachWithItsOwnBudget() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorSettings.instant().withLimits(LIMITS), TestClocks.SYSTEM)) {
            // East has a budget of its own in the profile; west takes --tpm's.
            Endpoint east = deployment(simulator, "east").withRates(1, 60_000, 60_000);
            Endpoint west = deployment(simulator, "west");
            Run run = run(new RateControl(60_000, 60_000, false), "two", List.of(east, west));
            assertEquals(0, run.summary().rateLimited());
            assertEquals(60, run.summary().ok());
            assertTrue(run.notices().contains("budget east: 60000 RPM, 60000 TPM (paced, bursts of at most one "
                    + "second's worth)"), run.notices().toString());
            // Which deployment takes which prompt depends on when each budget has room (timing): assert that
            // both took work, that the records name their endpoint, and that the notice counts what was recorded.
            ObjectMapper json = new ObjectMapper();
            Map<String, Long> byEndpoint = new TreeMap<>();
            for (String line : Files.readAllLines(run.results())) {
                JsonNode record = json.readTree(line);
                if ("request".equals(record.path("type").asText())) {
                    byEndpoint.merge(record.path("endpoint").asText(), 1L, Long::sum);
                }
            }
            assertEquals(Set.of("east", "west"), byEndpoint.keySet(), "each request record names its endpoint");
            assertEquals(60, byEndpoint.values().stream().mapToLong(Long::longValue).sum());
            assertTrue(run.notices().contains("parallel by endpoint: east " + byEndpoint.get("east") + " ok, 0 met 429, "
                    + "0 errors · west " + byEndpoint.get("west") + " ok, 0 met 429, 0 errors"), run.notices().toString());
        }
    }

    private static Endpoint deployment(Simulator simulator, String name) {
        return new Endpoint(name, ApiStyle.AZURE_DEPLOYMENT, simulator.baseUri().resolve(
                "/openai/deployments/" + name + "/chat/completions?api-version=2024-10-21"), name, null,
                "max_completion_tokens", ApiKeyCredential.azureKey("k", "test"), false);
    }
}
