package dev.promptbench.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptbench.prompt.JsonFields;
import dev.promptbench.prompt.Message;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Endpoints, requests and canned bodies shared by the client tests. */
final class ClientFixtures {

    /** Recognisable, so a leak into any message is easy to spot. */
    static final String KEY = "sk-TESTKEY-0123456789abcdef0123";

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final String AZURE_PATH = "/openai/deployments/dep/chat/completions?api-version=2024-10-21";

    /** An Azure answer with the filter annotations Azure adds and OpenAI never sends. */
    static final String AZURE_COMPLETION = """
            {"id":"chatcmpl-EX","object":"chat.completion","created":1764060000,"model":"gpt-4o-mini-2024-07-18",
             "system_fingerprint":"fp_x",
             "prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},
               "jailbreak":{"filtered":false,"detected":false}}}],
             "choices":[{"index":0,"message":{"role":"assistant","content":"2 and 3.","refusal":null},
               "finish_reason":"stop","logprobs":null,
               "content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}],
             "usage":{"prompt_tokens":21,"completion_tokens":5,"total_tokens":26,
               "completion_tokens_details":{"reasoning_tokens":0},"prompt_tokens_details":{"cached_tokens":0}}}
            """;

    private ClientFixtures() {}

    static Endpoint azure(String base) {
        return azure(base, KEY);
    }

    static Endpoint azure(String base, String key) {
        return new Endpoint("default", ApiStyle.AZURE_DEPLOYMENT, URI.create(base + AZURE_PATH), "dep", null,
                "max_completion_tokens", ApiKeyCredential.azureKey(key, "test"), false);
    }

    static Endpoint azureV1(String base) {
        return new Endpoint("default", ApiStyle.AZURE_V1, URI.create(base + "/openai/v1/chat/completions"), "dep",
                "dep", "max_completion_tokens", ApiKeyCredential.azureKey(KEY, "test"), false);
    }

    static Endpoint openai(String base) {
        return new Endpoint("default", ApiStyle.OPENAI, URI.create(base + "/v1/chat/completions"), null,
                "gpt-4o-mini", "max_tokens", ApiKeyCredential.bearer("k", "test"), false);
    }

    static ChatRequest request(Integer maxTokens, ObjectNode fields) {
        return new ChatRequest("p1", List.of(Message.text("user", "Name two primes.")), maxTokens,
                JsonFields.parse(fields.toString()));
    }

    static ChatRequest request() {
        return request(null, JsonNodeFactory.instance.objectNode());
    }

    /** A first attempt that asks for a streamed answer, with {@code fields} as extra body fields. */
    static ChatRequest streamRequest(ObjectNode fields) {
        ChatRequest plain = request(null, fields);
        return new ChatRequest(plain.promptId(), plain.messages(), null, plain.fields(), 1, true);
    }

    static ChatRequest streamRequest() {
        return streamRequest(fields());
    }

    static ObjectNode fields() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ClientSettings settings(Duration requestTimeout) {
        return new ClientSettings(4, requestTimeout, Duration.ofSeconds(5));
    }

    static ClientSettings settings() {
        return settings(Duration.ofSeconds(30));
    }
}
