package dev.promptbench.gate;

import static dev.promptbench.gate.Documents.check;
import static dev.promptbench.gate.Documents.compare;
import static dev.promptbench.gate.Documents.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** +N% and -N% thresholds against a baseline's value of the same metric in the same mode. */
class RelativeThresholdTest {

    @Test
    void p95UpByMoreThanTwentyPercentFails() {
        ObjectNode baseline = with(compare(), "/modes/parallel/latency_ms/p95", 2000.0);
        Verdict slower = check(with(compare(), "/modes/parallel/latency_ms/p95", 2410.0), baseline, "p95>+20%");
        assertFalse(slower.passed());
        assertEquals(2400.0, slower.limit(), 1e-9);
        assertEquals("parallel p95 2.41 s > 2.4 s (baseline 2 s +20%)", slower.message());

        Verdict within = check(with(compare(), "/modes/parallel/latency_ms/p95", 2390.0), baseline, "p95>+20%");
        assertTrue(within.passed(), within.message());
    }

    @Test
    void speedupDownByMoreThanTenPercentFails() {
        ObjectNode baseline = with(compare(), "/speedup", 4.0);
        Verdict worse = check(with(compare(), "/speedup", 3.5), baseline, "speedup<-10%");
        assertFalse(worse.passed());
        assertEquals(3.6, worse.limit(), 1e-9);
        assertEquals("speedup 3.5 < 3.6 (baseline 4 -10%)", worse.message());
        assertTrue(check(with(compare(), "/speedup", 3.7), baseline, "speedup<-10%").passed());
    }

    @Test
    void theBaselineIsReadInTheModeResolvedForTheRun() {
        ObjectNode baseline = with(compare(), "/modes/sequential/latency_ms/p95", 100.0);
        ObjectNode run = compare();
        ((ObjectNode) run.get("modes")).remove("parallel");
        Verdict verdict = check(run, baseline, "p95>+20%");
        assertEquals("sequential p95", verdict.metric());
        assertEquals(120.0, verdict.limit(), 1e-9);
        assertFalse(verdict.passed());
    }

    @Test
    void aBaselineWithoutTheValueFails() {
        ObjectNode baseline = compare();
        baseline.remove("speedup");
        Verdict verdict = check(compare(), baseline, "speedup<-10%");
        assertFalse(verdict.passed());
        assertTrue(verdict.missing());
        assertTrue(verdict.message().contains("in the baseline"), verdict.message());
    }

    @Test
    void withoutABaselineAtEvaluationARelativeThresholdFails() {
        Verdict verdict = Thresholds.parse(List.of("p95>+20%"), true).evaluate(Documents.run(compare()), null).get(0);
        assertFalse(verdict.passed());
        assertTrue(verdict.message().contains("needs --baseline"), verdict.message());
    }

    @Test
    void absoluteThresholdsIgnoreTheBaseline() {
        ObjectNode baseline = with(compare(), "/modes/parallel/latency_ms/p95", 1.0);
        assertTrue(check(compare(), baseline, "p95>2.5s").passed());
    }
}
