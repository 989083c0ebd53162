package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The option a mistyped one most likely meant: the nearest by spelling, not the first with the same two letters. */
class NearestOptionTest {
    private static final List<String> OPTIONS = List.of("--sim-tls", "--sim-seed", "--sim-fault-rate",
            "--sim-fault-kinds", "--threads", "--stream", "--stream-idle-timeout", "--model", "--mode", "--force",
            "--format");

    @Test
    void aTruncatedOptionMeansTheOneItBegins() {
        assertEquals("--sim-fault-rate", NearestOption.among("--sim-fault-rat", OPTIONS));
        assertEquals("--threads", NearestOption.among("--thread", OPTIONS));
        assertEquals("--stream-idle-timeout", NearestOption.among("--stream-idle", OPTIONS));
    }

    @Test
    void aMisspeltOptionMeansTheNearestBySpelling() {
        assertEquals("--sim-fault-kinds", NearestOption.among("--sim-falt-kinds", OPTIONS));
        assertEquals("--mode", NearestOption.among("--mdoe", OPTIONS));
        assertEquals("--format", NearestOption.among("--fromat", OPTIONS));
    }

    @Test
    void nothingNearIsNoSuggestion() {
        assertNull(NearestOption.among("--frobnicate", OPTIONS));
        assertNull(NearestOption.among("--sim-x", OPTIONS));
    }
}
