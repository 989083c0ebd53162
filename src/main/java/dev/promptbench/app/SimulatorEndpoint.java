package dev.promptbench.app;

import dev.promptbench.client.ApiKeyCredential;
import dev.promptbench.client.ApiStyle;
import dev.promptbench.client.Endpoint;
import java.net.URI;

/** The endpoint promptbench uses to talk to its own simulator: the Azure deployment route. */
public final class SimulatorEndpoint {
    static final String DEPLOYMENT = "gpt-4o-mini-sim";

    private SimulatorEndpoint() {}

    /** The deployment route of the simulator at {@code base}, with its key. */
    public static Endpoint at(URI base) {
        URI chat = base.resolve("/openai/deployments/" + DEPLOYMENT + "/chat/completions?api-version=2024-10-21");
        return new Endpoint("simulator", ApiStyle.AZURE_DEPLOYMENT, chat, DEPLOYMENT, null, "max_completion_tokens",
                ApiKeyCredential.azureKey("simulator-key", "the built-in simulator"), true);
    }
}
