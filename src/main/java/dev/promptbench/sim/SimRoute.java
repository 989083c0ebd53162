package dev.promptbench.sim;

import dev.promptbench.client.Api;
import dev.promptbench.client.ApiStyle;
import java.util.Optional;

/**
 * Which of the simulator's generation URLs (chat completions, responses) a request came to.
 *
 * @param style      the API convention of the route
 * @param deployment the deployment named in an Azure classic path, otherwise null
 * @param api        chat completions or the Responses API
 */
record SimRoute(ApiStyle style, String deployment, Api api) {

    /** A chat-completions route. */
    SimRoute(ApiStyle style, String deployment) {
        this(style, deployment, Api.CHAT);
    }

    private static final String DEPLOYMENTS = "/openai/deployments/";
    private static final String CHAT = "/chat/completions";

    /** The route serving {@code path}, or empty if the simulator does not serve it. */
    static Optional<SimRoute> match(String path) {
        if (path == null) {
            return Optional.empty();
        }
        if (path.equals("/openai/v1/responses")) {
            return Optional.of(new SimRoute(ApiStyle.AZURE_V1, null, Api.RESPONSES));
        }
        if (path.equals("/v1/responses") || path.equals("/responses")) {
            return Optional.of(new SimRoute(ApiStyle.OPENAI, null, Api.RESPONSES));
        }
        if (path.equals("/openai/v1/chat/completions")) {
            return Optional.of(new SimRoute(ApiStyle.AZURE_V1, null));
        }
        // "/chat/completions" too: a client given a base URL without "/v1" appends only that.
        if (path.equals("/v1/chat/completions") || path.equals(CHAT)) {
            return Optional.of(new SimRoute(ApiStyle.OPENAI, null));
        }
        if (path.startsWith(DEPLOYMENTS) && path.endsWith(CHAT)
                && path.length() > DEPLOYMENTS.length() + CHAT.length()) {
            String deployment = path.substring(DEPLOYMENTS.length(), path.length() - CHAT.length());
            if (!deployment.contains("/")) {
                return Optional.of(new SimRoute(ApiStyle.AZURE_DEPLOYMENT, deployment));
            }
        }
        return Optional.empty();
    }
}
