package dev.promptbench.cli;

import dev.promptbench.batch.BatchApi;
import dev.promptbench.batch.BatchTarget;
import dev.promptbench.client.ApiCalls;
import dev.promptbench.client.Endpoint;
import dev.promptbench.clock.Sleeper;

/** The endpoint of a batch command and its files/batches API, open until closed. */
record BatchConnection(Endpoint endpoint, ApiCalls calls, BatchApi api, AutoCloseable server) implements AutoCloseable {

    static BatchConnection open(Endpoint endpoint, ApiCalls calls, Sleeper sleeper, AutoCloseable server) {
        return new BatchConnection(endpoint, calls, new BatchApi(calls, BatchTarget.of(endpoint), sleeper), server);
    }

    @Override
    public void close() throws Exception {
        calls.close();
        if (server != null) server.close();
    }
}
