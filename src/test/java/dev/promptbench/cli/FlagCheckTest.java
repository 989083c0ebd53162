package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every numeric or duration flag is checked, and worded, the same way. */
class FlagCheckTest {
    private static String refusal(Runnable check) {
        return assertThrows(UsageException.class, check::run).getMessage();
    }

    @Test
    void eachRangeHasOneWording() {
        assertEquals("--retries must be 0 or more (got -1)", refusal(() -> FlagCheck.atLeast("--retries", -1, 0)));
        assertEquals("--tpm must be at least 1 (got 0)", refusal(() -> FlagCheck.atLeast("--tpm", 0, 1)));
        assertEquals("--top-p must be between 0 and 1 (got 1.5)", refusal(() -> FlagCheck.between("--top-p", 1.5, 0, 1)));
        assertEquals("--rate must be above 0 (got 0.0)", refusal(() -> FlagCheck.above("--rate", 0.0, 0)));
        assertEquals("--timeout must be longer than 0", refusal(() -> FlagCheck.longerThanZero("--timeout",
                Duration.ZERO, null)));
        assertEquals("--canary-timeout must be longer than 0 (or use --no-canary)", refusal(() ->
                FlagCheck.longerThanZero("--canary-timeout", Duration.ZERO, "or use --no-canary")));
    }

    @Test
    void notANumberAndInfinityNeverPass() {
        assertEquals("--temperature must be between 0 and 2 (got NaN)",
                refusal(() -> FlagCheck.between("--temperature", Double.NaN, 0, 2)));
        assertEquals("--rate must be above 0 (got Infinity)",
                refusal(() -> FlagCheck.above("--rate", Double.POSITIVE_INFINITY, 0)));
        assertEquals("--sim-ttft-sigma must be 0 or more (got Infinity)",
                refusal(() -> FlagCheck.atLeast("--sim-ttft-sigma", Double.POSITIVE_INFINITY, 0)));
    }

    @Test
    void aFlagNotGivenOrInRangePasses() {
        assertDoesNotThrow(() -> FlagCheck.atLeast("--tpm", null, 1));
        assertDoesNotThrow(() -> FlagCheck.between("--threads", 4096, 1, 4096));
        assertDoesNotThrow(() -> FlagCheck.above("--rate", 0.5, 0));
        assertDoesNotThrow(() -> FlagCheck.longerThanZero("--timeout", null, null));
    }
}
