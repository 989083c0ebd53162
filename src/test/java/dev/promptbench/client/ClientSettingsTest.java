package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bounds of the shared client, the stream idle timeout among them. */
class ClientSettingsTest {

    @Test
    void theStreamIdleTimeoutDefaultsToSixtySeconds() {
        assertEquals(Duration.ofSeconds(60), ClientSettings.defaults(4).streamIdleTimeout());
        assertEquals(Duration.ofSeconds(60),
                new ClientSettings(4, Duration.ofSeconds(5), Duration.ofSeconds(1)).streamIdleTimeout());
    }

    @Test
    void copiesKeepTheOtherBounds() {
        ClientSettings settings = ClientSettings.defaults(4).withStreamIdleTimeout(Duration.ofSeconds(5))
                .withRequestTimeout(Duration.ofSeconds(90));

        assertEquals(new ClientSettings(4, Duration.ofSeconds(90), ClientSettings.DEFAULT_CONNECT_TIMEOUT,
                Duration.ofSeconds(5)), settings);
    }

    @Test
    void aZeroOrMissingIdleTimeoutIsRejected() {
        ClientSettings settings = ClientSettings.defaults(1);

        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> settings.withStreamIdleTimeout(Duration.ZERO));
        assertEquals("streamIdleTimeout must be positive, got PT0S", zero.getMessage());
        assertThrows(NullPointerException.class, () -> settings.withStreamIdleTimeout(null));
    }
}
