package dev.promptbench.app;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.OpenAIResponder;
import dev.promptbench.sim.Simulator;
import dev.promptbench.sim.SimulatorSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Warms the client's code path before anything is timed: class loading, JIT and connection set-up
 * cost a cold JVM hundreds of milliseconds on its first requests. The warm-up talks to a private
 * zero-latency simulator, so it costs no tokens, then drops its connections.
 */
final class Warmup {
    private final int requests;
    private final int concurrency;
    private final Duration budget;

    Warmup(int requests, int concurrency, Duration budget) {
        this.requests = requests;
        this.concurrency = concurrency;
        this.budget = budget;
    }

    /** Sends up to {@code requests} copies of {@code request}, for at most the time budget. */
    void run(OpenAIResponder responder, ChatRequest request) throws IOException, InterruptedException {
        try (Simulator simulator = Simulator.start(SimulatorSettings.instant())) {
            Endpoint endpoint = SimulatorEndpoint.at(simulator.baseUri());
            long deadline = System.nanoTime() + budget.toNanos();
            AtomicInteger left = new AtomicInteger(requests);
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            try {
                for (int i = 0; i < concurrency; i++) {
                    pool.execute(() -> {
                        while (left.getAndDecrement() > 0 && System.nanoTime() < deadline) {
                            responder.call(request, endpoint);
                        }
                    });
                }
                pool.shutdown();
                if (!pool.awaitTermination(budget.toMillis() + 5_000, TimeUnit.MILLISECONDS)) pool.shutdownNow();
            } finally {
                pool.shutdownNow();
            }
        }
        responder.evictConnections();
    }
}
