package dev.promptbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resume check is a pure comparison of recorded and requested settings. */
class RunSettingsTest {

    @Test
    void namesEachSettingThatDiffersWithBothValues() {
        Map<String, String> recorded = new LinkedHashMap<>();
        recorded.put("--threads", "8");
        recorded.put("--stream", "true");
        recorded.put("--max-tokens", "none");
        Map<String, String> requested = Map.of("--threads", "4", "--stream", "true", "--max-tokens", "100",
                "--seed", "7");
        assertEquals(List.of("--threads: the run used 8, this command 4", "--max-tokens: the run used none, this command 100"),
                RunSettings.disagreements(recorded, requested));
    }

    /** The request's extra fields are recorded under --extra-body, but --reasoning-effort and --store set them too. */
    @Test
    void theExtraFieldsNameEveryFlagThatSetsThem() {
        assertEquals(List.of("--extra-body (with --reasoning-effort and --store): the run used none, this command "
                        + "{\"reasoning_effort\":\"low\"}"),
                RunSettings.disagreements(Map.of("--extra-body", "none"),
                        Map.of("--extra-body", "{\"reasoning_effort\":\"low\"}")));
    }

    /** Recorded as --timeout reads them, and as the defaults are written, so a resume can give them again. */
    @Test
    void durationsAreWrittenAsTheFlagsTakeThem() {
        assertEquals("10m", RunSettings.duration(java.time.Duration.ofMinutes(10)));
        assertEquals("60s", RunSettings.duration(java.time.Duration.ofSeconds(60)));
        assertEquals("90s", RunSettings.duration(java.time.Duration.ofSeconds(90)));
        assertEquals("2h", RunSettings.duration(java.time.Duration.ofHours(2)));
        assertEquals("1500ms", RunSettings.duration(java.time.Duration.ofMillis(1500)));
        assertEquals("0.5ms", RunSettings.duration(java.time.Duration.ofNanos(500_000)));
    }

    @Test
    void aHeaderOfTheEarlierFormatIsReadAsThisOne() {
        Map<String, String> old = new LinkedHashMap<>();
        old.put("--threads", "8");
        old.put("--rate", "poisson 2.50/s");
        old.put("--timeout", "PT10M");
        old.put("--connect-timeout", "PT10S");
        old.put("--stream-idle-timeout", "PT1M");
        Map<String, String> now = new LinkedHashMap<>();
        now.put("--threads", "8");
        now.put("--rate", "2.5");
        now.put("--arrival", "poisson");
        now.put("--timeout", "10m");
        now.put("--connect-timeout", "10s");
        now.put("--stream-idle-timeout", "60s");
        assertEquals(now, RunSettings.upgraded(old));
        assertEquals(now, RunSettings.upgraded(now), "this version's header is left as it is");
    }

    @Test
    void aFileThatRecordedNoSettingsComparesNothing() {
        assertEquals(List.of(), RunSettings.disagreements(Map.of(), Map.of("--threads", "4")));
    }
}
