package dev.promptbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.ClientSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The warm-up runs in the background: it sends its requests, can be waited for, and stops when asked. */
class WarmupTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ChatRequest request() {
        ArrayNode messages = JSON.createArrayNode();
        messages.addObject().put("role", "user").put("content", "warm me up");
        return new ChatRequest("w", messages, 16, JSON.createObjectNode());
    }

    @Test
    void sendsItsRequestsInTheBackgroundUntilWaitedFor() throws Exception {
        Warmup.Running running = new Warmup(20, 2, Duration.ofMinutes(1)).start(ClientSettings.defaults(4), request());

        running.await();

        assertEquals(20, running.sent());
    }

    @Test
    void closeStopsItEarly() throws Exception {
        Warmup.Running running = new Warmup(1_000_000, 2, Duration.ofMinutes(5))
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
