package dev.promptbench.control;

import dev.promptbench.client.Answer;
import java.util.Map;
import java.util.List;
import dev.promptbench.prompt.Message;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.promptbench.client.ApiKeyCredential;
import dev.promptbench.client.ApiStyle;
import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Timing;
import java.net.URI;
import java.time.Duration;

/** Outcomes, requests and endpoints shared by the control tests. */
final class ControlFixtures {
    static final String AZURE_PATH = "/openai/deployments/dep/chat/completions?api-version=2024-10-21";
    private static final Timing TIMING = new Timing(0, 0, 0, 0);

    private ControlFixtures() {}

    static Outcome.Failure failure(ErrorKind kind) {
        return failure(kind, null, null);
    }

    static Outcome.Failure failure(ErrorKind kind, String code, Duration retryAfter) {
        Integer status = switch (kind) {
            case RATE_LIMITED -> 429;
            case SERVER_ERROR -> 503;
            case BAD_REQUEST, CONTENT_FILTER -> 400;
            case UNAUTHORIZED -> 401;
            case NOT_FOUND -> 404;
            case MALFORMED -> 200;
            default -> null;
        };
        return new Outcome.Failure(new Outcome.Exchange(TIMING, status, "req-" + kind.wireName()), kind, code,
                kind.wireName(), retryAfter);
    }

    static Outcome.Failure rateLimited(Duration retryAfter) {
        return failure(ErrorKind.RATE_LIMITED, "429", retryAfter);
    }

    static Outcome.Success success() {
        return new Outcome.Success(new Outcome.Exchange(TIMING, 200, "req-ok"), new Answer("fine", "stop", null, "m"));
    }

    static ChatRequest request() {
        return new ChatRequest("p1", List.of(Message.text("user", "Name two primes.")), null, Map.of());
    }

    static Endpoint azure(String base, String key) {
        return new Endpoint("default", ApiStyle.AZURE_DEPLOYMENT, URI.create(base + AZURE_PATH), "dep", null,
                "max_completion_tokens", ApiKeyCredential.azureKey(key, "test"), false);
    }

    static Endpoint azure() {
        return azure("http://127.0.0.1:9", "k");
    }
}
