package dev.promptbench.batch;

import dev.promptbench.client.ApiStyle;
import dev.promptbench.client.Endpoint;
import java.net.URI;

/**
 * Where an endpoint's files and batches live, derived from its chat-completions URL: Azure's
 * {@code /openai/files?api-version=} (never under {@code /deployments/}), Azure v1's {@code /openai/v1/files},
 * OpenAI's {@code {base}/files}; and the {@code url} each input line names.
 *
 * @param base     the URL the {@code files} and {@code batches} paths hang from, without query
 * @param query    the query every call carries ({@code api-version=...}), or null
 * @param lineUrl  the input lines' {@code url} and the batch's {@code endpoint}
 * @param body     the endpoint whose conventions the line bodies follow (Azure classic: the deployment as
 *                 {@code model}, since the Batch API routes by it)
 */
public record BatchTarget(String base, String query, String lineUrl, Endpoint body) {
    private static final String CHAT = "/chat/completions";

    public static BatchTarget of(Endpoint endpoint) {
        URI chat = endpoint.chatUrl();
        String path = chat.getRawPath() == null ? "" : chat.getRawPath();
        if (path.endsWith(CHAT)) path = path.substring(0, path.length() - CHAT.length());
        if (endpoint.style() == ApiStyle.AZURE_DEPLOYMENT) {
            int deployments = path.lastIndexOf("/deployments/");
            if (deployments >= 0) path = path.substring(0, deployments);
        }
        String origin = chat.getScheme() + "://" + chat.getRawAuthority();
        String lineUrl = endpoint.style().isAzure() ? CHAT : "/v1" + CHAT;
        Endpoint body = endpoint;
        if (endpoint.style() == ApiStyle.AZURE_DEPLOYMENT) {
            body = new Endpoint(endpoint.name(), ApiStyle.AZURE_V1, endpoint.chatUrl(), endpoint.deployment(),
                    endpoint.deployment(), endpoint.maxTokensField(), endpoint.credential(), endpoint.simulated(),
                    endpoint.weight(), endpoint.tpm(), endpoint.rpm(), endpoint.headers());
        }
        return new BatchTarget(origin + path, chat.getRawQuery(), lineUrl, body);
    }

    public URI files() { return uri("/files"); }

    public URI file(String id) { return uri("/files/" + id); }

    public URI content(String fileId) { return uri("/files/" + fileId + "/content"); }

    public URI batches() { return uri("/batches"); }

    public URI batch(String id) { return uri("/batches/" + id); }

    public URI cancel(String id) { return uri("/batches/" + id + "/cancel"); }

    private URI uri(String path) {
        return URI.create(base + path + (query == null ? "" : "?" + query));
    }
}
