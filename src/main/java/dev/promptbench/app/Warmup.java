package dev.promptbench.app;

import dev.promptbench.client.Api;
import dev.promptbench.clock.Clocks;
import dev.promptbench.clock.Ticker;
import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.ClientSettings;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.OpenAIResponder;
import dev.promptbench.sim.Simulator;
import dev.promptbench.sim.SimulatorSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Warms the client's code path before anything is timed: class loading, JIT and connection set-up
 * cost a cold JVM hundreds of milliseconds on its first requests. The warm-up talks to a private
 * zero-latency simulator, so it costs no tokens, through a client of its own (the JIT's work is shared
 * by every client; the run's connection pool is left alone), and runs in the background while the run
 * does the rest of its start-up (the canary above all), so its time is mostly hidden.
 */
record Warmup(int requests, int concurrency, Duration budget, Clocks clocks) {

    /** Starts sending up to {@code requests} copies of {@code request}, for at most the budget; returns at once. */
    Running start(ClientSettings settings, ChatRequest request) {
        return start(settings, request, Api.CHAT);
    }

    /** As {@link #start(ClientSettings, ChatRequest)}, through {@code api}: the path the run will take. */
    Running start(ClientSettings settings, ChatRequest request, Api api) {
        Running running = new Running();
        Thread thread = new Thread(() -> running.finish(() -> send(settings, request, api, running)),
                "promptbench-warmup");
        thread.setDaemon(true);
        running.thread = thread;
        thread.start();
        return running;
    }

    private void send(ClientSettings settings, ChatRequest request, Api api, Running running)
            throws IOException, InterruptedException {
        ClientSettings own = new ClientSettings(concurrency, settings.requestTimeout(), settings.connectTimeout(),
                settings.streamIdleTimeout());
        try (Simulator simulator = Simulator.start(SimulatorSettings.instant(), clocks);
             OpenAIResponder responder = OpenAIResponder.plainHttpOnly(own, clocks.ticker(), clocks.wall())) {
            Endpoint endpoint = SimulatorEndpoint.at(simulator.baseUri()).withApi(api);
            Ticker ticker = clocks.ticker();
            long deadline = ticker.nanoTime() + budget.toNanos();
            AtomicInteger left = new AtomicInteger(requests);
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            try {
                for (int i = 0; i < concurrency; i++) {
                    pool.execute(() -> {
                        while (!running.stopped.get() && left.getAndDecrement() > 0 && ticker.nanoTime() < deadline) {
                            responder.call(request, endpoint);
                            running.sent.incrementAndGet();
                        }
                    });
                }
                pool.shutdown();
                if (!pool.awaitTermination(budget.toMillis() + 5_000, TimeUnit.MILLISECONDS)) pool.shutdownNow();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** A warm-up under way: wait for it before the first timed request, or stop it early. */
    static final class Running implements AutoCloseable {
        /** Nothing to wait for (the warm-up is off). */
        static final Running NONE = new Running();

        private final AtomicBoolean stopped = new AtomicBoolean();
        private final AtomicInteger sent = new AtomicInteger();
        private volatile Thread thread;
        private volatile IOException failure;

        private interface Work {
            void run() throws IOException, InterruptedException;
        }

        private void finish(Work work) {
            try {
                work.run();
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits until the warm-up has ended (it is bounded by its budget). */
        void await() throws IOException, InterruptedException {
            Thread running = thread;
            if (running != null) running.join();
            if (failure != null) throw failure;
        }

        /** Warm-up requests sent so far. */
        int sent() {
            return sent.get();
        }

        /** Stops sending and waits for the requests in flight; never throws (for a run that ends early). */
        @Override
        public void close() {
            stopped.set(true);
            Thread running = thread;
            if (running == null) return;
            try {
                running.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
