package dev.promptbench.cli;

import dev.promptbench.batch.BatchApi;
import dev.promptbench.batch.BatchTarget;
import dev.promptbench.client.ApiCalls;
import dev.promptbench.client.Endpoint;
import dev.promptbench.clock.Sleeper;
import dev.promptbench.cost.Pricing;

/**
 * The endpoint of a batch command, its files/batches API (open until closed) and the prices its answers
 * are billed at.
 */
record BatchConnection(Endpoint endpoint, ApiCalls calls, BatchApi api, Pricing pricing, AutoCloseable server)
        implements AutoCloseable {

    static BatchConnection open(Endpoint endpoint, ApiCalls calls, Sleeper sleeper, Pricing pricing,
                                AutoCloseable server) {
        return new BatchConnection(endpoint, calls, new BatchApi(calls, BatchTarget.of(endpoint), sleeper), pricing,
                server);
    }

    @Override
    public void close() throws Exception {
        calls.close();
        if (server != null) server.close();
    }
}
