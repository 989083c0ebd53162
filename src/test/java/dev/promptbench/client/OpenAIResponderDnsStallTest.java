package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.promptbench.clock.Ticker;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import okhttp3.Dns;
import org.junit.jupiter.api.Test;

/**
 * --connect-timeout bounds the name lookup too (issue 12 A3): a resolver that never answers (injected through
 * OkHttp's Dns) fails the call as "no DNS answer for HOST within 300ms", instead of holding the worker for as
 * long as the system resolver takes, which cancelling the call cannot cut short.
 */
class OpenAIResponderDnsStallTest {

    @Test
    void aResolverThatStallsFailsTheCallWithinTheConnectTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch asked = new CountDownLatch(1);
        Dns stalled = host -> {
            asked.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(InetAddress.getLoopbackAddress());
        };
        ClientSettings settings = new ClientSettings(4, Duration.ofMinutes(10), Duration.ofMillis(300));
        try (OpenAIResponder responder = new OpenAIResponder(settings, Ticker.system(), ClientFixtures.CLOCK, stalled)) {
            // The guard only stops a hung test; the bound under test is the 300 ms connect timeout.
            Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> responder.call(
                    ClientFixtures.request(), ClientFixtures.azure("http://stalled-resolver.example:8080")));
            Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, outcome);
            assertEquals(ErrorKind.CONNECT_FAILED, failure.kind());
            assertEquals("connect failed: no DNS answer for stalled-resolver.example within 300ms", failure.message());
            assertEquals(0, asked.getCount(), "the resolver was asked");
        } finally {
            never.countDown();
        }
    }
}
