package dev.promptbench.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import dev.promptbench.client.ApiStyle;
import java.time.Clock;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Answers one chat-completions request the way Azure OpenAI or OpenAI would: route, auth and shape
 * checks first, then a {@code chat.completion} whose length and send time come from the latency model.
 */
final class ChatCompletions {

    /** The model named in answers on the Azure classic route, where the path names only a deployment. */
    static final String AZURE_MODEL = "gpt-4o-mini-sim";
    /** The header a promptbench client sets on retries so that a retry draws a new service time. */
    static final String ATTEMPT_HEADER = "x-promptbench-attempt";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int LIMIT_REQUESTS = 10_000;
    private static final int LIMIT_TOKENS = 2_000_000;

    private final SimulatorSettings settings;
    private final LatencyModel latency;
    private final RequestRules rules;
    private final Clock clock;

    ChatCompletions(SimulatorSettings settings, Clock clock) {
        this.settings = settings;
        this.latency = new LatencyModel(settings);
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        this.rules = new RequestRules(mapper);
        this.clock = clock;
    }

    /** The response to {@code request}, with the delay after which to send it. */
    SimResponse answer(SimRequest request) {
        UUID id = requestId(request.number());
        return respond(request)
                .withHeader("apim-request-id", id.toString())
                .withHeader("x-request-id", "req_" + id.toString().replace("-", ""));
    }

    private SimResponse respond(SimRequest request) {
        Optional<SimRoute> found = SimRoute.match(request.path());
        if (found.isEmpty()) {
            return ApiErrors.unknownUrl(request.method(), request.path());
        }
        if (!request.method().equals("POST")) {
            return ApiErrors.methodNotAllowed(request.method());
        }
        SimRoute route = found.get();
        if (!authorised(route.style(), request.headers())) {
            return route.style().isAzure() ? ApiErrors.accessDenied() : ApiErrors.missingBearer();
        }
        if (route.style() == ApiStyle.AZURE_DEPLOYMENT && !hasApiVersion(request.rawQuery())) {
            return ApiErrors.invalidRequest(new RequestRejection("Missing required query parameter: "
                    + "'api-version' (for example ?api-version=2024-10-21).", "api-version",
                    "missing_required_parameter"));
        }
        ChatCall call;
        try {
            call = rules.check(request.body(), route.style() != ApiStyle.AZURE_DEPLOYMENT);
        } catch (RequestRejection rejection) {
            return ApiErrors.invalidRequest(rejection);
        }
        ServicePlan plan = latency.plan(call.messagesJson(), attempt(request.headers()), call.maxTokens());
        String model = route.style() == ApiStyle.AZURE_DEPLOYMENT ? AZURE_MODEL : call.model();
        String body = completion(request.number(), model, route.style().isAzure(), call, plan);
        int charged = call.promptTokens()
                + (call.maxTokens() != null ? call.maxTokens() : plan.completionTokens());
        return SimResponse.json(200, body)
                .withHeader("x-ratelimit-limit-requests", Integer.toString(LIMIT_REQUESTS))
                .withHeader("x-ratelimit-remaining-requests", Integer.toString(LIMIT_REQUESTS - 1))
                .withHeader("x-ratelimit-limit-tokens", Integer.toString(LIMIT_TOKENS))
                .withHeader("x-ratelimit-remaining-tokens", Integer.toString(Math.max(0, LIMIT_TOKENS - charged)))
                .withDelay(plan.total());
    }

    private String completion(long number, String model, boolean azure, ChatCall call, ServicePlan plan) {
        String content = AnswerText.of(call.lastUserText(), plan.completionTokens(), plan.textStart());
        ObjectNode message = JSON.objectNode()
                .put("role", "assistant")
                .put("content", content)
                .putNull("refusal");
        ObjectNode choice = JSON.objectNode().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", plan.finishReason()).putNull("logprobs");
        if (azure) {
            choice.set("content_filter_results", filterResults());
        }
        ObjectNode root = JSON.objectNode()
                .put("id", "chatcmpl-sim-" + number)
                .put("object", "chat.completion")
                .put("created", clock.instant().getEpochSecond())
                .put("model", model)
                .put("system_fingerprint", "fp_sim");
        if (azure) {
            ObjectNode promptFilter = JSON.objectNode().put("prompt_index", 0);
            promptFilter.set("content_filter_results", filterResults());
            root.putArray("prompt_filter_results").add(promptFilter);
        }
        ArrayNode choices = root.putArray("choices");
        choices.add(choice);
        root.putObject("usage")
                .put("prompt_tokens", call.promptTokens())
                .put("completion_tokens", plan.completionTokens())
                .put("total_tokens", call.promptTokens() + plan.completionTokens());
        return root.toString();
    }

    /** Azure's per-category verdicts, all clear: the simulator filters nothing. */
    private static ObjectNode filterResults() {
        ObjectNode results = JSON.objectNode();
        for (String category : new String[] {"hate", "self_harm", "sexual", "violence"}) {
            results.putObject(category).put("filtered", false).put("severity", "safe");
        }
        return results;
    }

    /** Azure takes a key or an Entra ID bearer token; OpenAI only a bearer token. Any value will do. */
    private static boolean authorised(ApiStyle style, Headers headers) {
        String authorization = headers.getFirst("Authorization");
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && !authorization.substring(7).isBlank();
        if (style == ApiStyle.OPENAI) {
            return bearer;
        }
        String key = headers.getFirst("api-key");
        return bearer || (key != null && !key.isBlank());
    }

    private static boolean hasApiVersion(String rawQuery) {
        if (rawQuery == null) {
            return false;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("api-version=") && pair.length() > "api-version=".length()) {
                return true;
            }
        }
        return false;
    }

    /** The attempt number the client sent, 1 when absent or unreadable. */
    private static int attempt(Headers headers) {
        String value = headers.getFirst(ATTEMPT_HEADER);
        if (value == null) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** A UUID-shaped id derived from the seed and the arrival number, so runs are reproducible. */
    private UUID requestId(long number) {
        SplittableRandom random = new SplittableRandom(settings.seed() * 0x9e3779b97f4a7c15L + number);
        long high = (random.nextLong() & ~0xf000L) | 0x4000L; // version 4 shape
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low);
    }
}
