package dev.promptbench.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptbench.client.ApiKeyCredential;
import dev.promptbench.client.ApiStyle;
import dev.promptbench.client.Endpoint;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Files and batches URLs, and the line url, for each kind of endpoint. */
class BatchTargetTest {
    private static Endpoint endpoint(ApiStyle style, String url, String deployment, String model) {
        return new Endpoint("e", style, URI.create(url), deployment, model, "max_completion_tokens",
                ApiKeyCredential.azureKey("k", "test"), false);
    }

    @Test
    void azureClassicUsesTheResourceRouteWithItsApiVersionAndTheDeploymentAsModel() {
        BatchTarget target = BatchTarget.of(endpoint(ApiStyle.AZURE_DEPLOYMENT,
                "https://r.openai.azure.com/openai/deployments/gpt-batch/chat/completions?api-version=2024-10-21",
                "gpt-batch", null));
        assertEquals(URI.create("https://r.openai.azure.com/openai/files?api-version=2024-10-21"), target.files());
        assertEquals(URI.create("https://r.openai.azure.com/openai/batches/b1/cancel?api-version=2024-10-21"),
                target.cancel("b1"));
        assertEquals(URI.create("https://r.openai.azure.com/openai/files/f1/content?api-version=2024-10-21"),
                target.content("f1"));
        assertEquals("/chat/completions", target.lineUrl());
        assertEquals("gpt-batch", target.body().model());
    }

    @Test
    void azureV1() {
        BatchTarget target = BatchTarget.of(endpoint(ApiStyle.AZURE_V1,
                "https://r.openai.azure.com/openai/v1/chat/completions", "gpt-batch", null));
        assertEquals(URI.create("https://r.openai.azure.com/openai/v1/batches"), target.batches());
        assertEquals("/chat/completions", target.lineUrl());
    }

    @Test
    void openAi() {
        BatchTarget target = BatchTarget.of(endpoint(ApiStyle.OPENAI, "https://api.openai.com/v1/chat/completions",
                null, "gpt-4o-mini"));
        assertEquals(URI.create("https://api.openai.com/v1/files/f1"), target.file("f1"));
        assertEquals(URI.create("https://api.openai.com/v1/batches/b1"), target.batch("b1"));
        assertEquals("/v1/chat/completions", target.lineUrl());
    }
}
