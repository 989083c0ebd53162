package dev.promptbench.app;

import dev.promptbench.clock.TestClocks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.ClientSettings;
import dev.promptbench.prompt.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The warm-up runs in the background: it sends its requests, can be waited for, and stops when asked. */
class WarmupTest {
    private static ChatRequest request() {
        return new ChatRequest("w", List.of(Message.text("user", "warm me up")), 16, Map.of());
    }

    @Test
    void sendsItsRequestsInTheBackgroundUntilWaitedFor() throws Exception {
        Warmup.Running running = new Warmup(20, 2, Duration.ofMinutes(1), TestClocks.SYSTEM).start(ClientSettings.defaults(4), request());

        running.await();

        assertEquals(20, running.sent());
    }

    @Test
    void closeStopsItEarly() throws Exception {
        Warmup.Running running = new Warmup(1_000_000, 2, Duration.ofMinutes(5), TestClocks.SYSTEM)
                .start(ClientSettings.defaults(4), request());

        running.close();
        int sent = running.sent();
        running.await();

        assertTrue(sent < 1_000_000, "stopped after " + sent);
        assertEquals(sent, running.sent(), "nothing sent after close");
    }

    @Test
    void nothingToWaitForWhenOff() throws Exception {
        Warmup.Running.NONE.await();
        Warmup.Running.NONE.close();
        assertFalse(Warmup.Running.NONE.sent() > 0);
    }
}
