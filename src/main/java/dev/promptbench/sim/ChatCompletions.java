package dev.promptbench.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import dev.promptbench.client.Api;
import dev.promptbench.client.ApiStyle;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Answers one chat-completions request the way Azure OpenAI or OpenAI would: route, auth and shape
 * checks first, then admission against the rate limits, then a {@code chat.completion} (or, for
 * {@code stream: true}, its server-sent chunks) whose length and send time come from the latency model,
 * unless the fault model turns it into a failure.
 */
final class ChatCompletions {

    /** The model named in answers on the Azure classic route, where the path names only a deployment. */
    static final String AZURE_MODEL = "gpt-4o-mini-sim";
    /** The header a promptbench client sets on retries so that a retry draws a new service time. */
    static final String ATTEMPT_HEADER = "x-promptbench-attempt";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SimulatorSettings settings;
    private final LatencyModel latency;
    private final FaultModel faults;
    private final RateLimiter limiter;
    private final ThrottleModel throttles;
    private final AccessRules access;
    private final RequestRules rules;
    private final ResponsesRules responsesRules;
    private final PromptCache promptCache = new PromptCache();
    private final Clock clock;

    /**
     * @param clock    wall clock for the answers' {@code created} field
     * @param nanoTime monotonic clock of the rate limits
     */
    ChatCompletions(SimulatorSettings settings, Clock clock, LongSupplier nanoTime) {
        this.settings = settings;
        this.latency = new LatencyModel(settings);
        this.faults = new FaultModel(settings);
        this.limiter = new RateLimiter(settings.limits(), nanoTime);
        this.throttles = new ThrottleModel(settings);
        this.access = new AccessRules(settings.access());
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        this.rules = new RequestRules(mapper);
        this.responsesRules = new ResponsesRules(mapper);
        this.clock = clock;
    }

    /** The response to {@code request}, with the delay after which to send it. */
    SimResponse answer(SimRequest request) {
        UUID id = requestId(request.number());
        return respond(request)
                .withHeader("apim-request-id", id.toString())
                .withHeader("x-request-id", "req_" + id.toString().replace("-", ""));
    }

    /**
     * The checks run in the order a real service makes them: route, key, deployment, request shape,
     * then admission against the rate limit; only an admitted request may meet a fault.
     */
    private SimResponse respond(SimRequest request) {
        Optional<SimRoute> found = SimRoute.match(request.path());
        if (found.isEmpty()) {
            return ApiErrors.unknownUrl(request.method(), request.path());
        }
        if (!request.method().equals("POST")) {
            return ApiErrors.methodNotAllowed(request.method());
        }
        SimRoute route = found.get();
        Optional<SimResponse> refused = access.refuse(route, request.headers());
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<String> apiVersion = apiVersion(request.rawQuery());
        if (route.style() == ApiStyle.AZURE_DEPLOYMENT && apiVersion.isEmpty()) {
            return ApiErrors.resourceNotFound();
        }
        if (route.style().isAzure() && apiVersion.isPresent() && !knownApiVersion(apiVersion.get())) {
            return ApiErrors.azureStyle(400, "BadRequest", "API version not supported");
        }
        ChatCall call;
        try {
            call = route.api() == Api.RESPONSES ? responsesRules.check(request.body())
                    : rules.check(request.body(), route.style() != ApiStyle.AZURE_DEPLOYMENT);
        } catch (RequestRejection rejection) {
            return ApiErrors.invalidRequest(rejection);
        }
        if (route.style() != ApiStyle.AZURE_DEPLOYMENT) {
            refused = access.refuseModel(call.model());
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        boolean azure = route.style().isAzure();
        String model = route.style() == ApiStyle.AZURE_DEPLOYMENT ? AZURE_MODEL : call.model();
        String limited = route.style() == ApiStyle.AZURE_DEPLOYMENT ? route.deployment() : call.model();
        int attempt = attempt(request.headers());
        // A 429 on purpose is drawn before admission, so it charges nothing, as a refused request.
        Optional<ThrottleKind> throttle = throttles.draw(call.messagesJson(), attempt);
        if (throttle.isPresent() && throttle.get() != ThrottleKind.SPILLOVER) {
            return throttles.refuse(throttle.get(), azure, apiVersion.orElse("v1"), limited);
        }
        Admission admission = limiter.admit(limitKey(route, call), call);
        if (!admission.admitted()) {
            return ApiErrors.rateLimited(azure, apiVersion.orElse("v1"), limited, admission);
        }
        ServiceFeatures features = settings.features();
        int cached = features.promptCache() ? promptCache.cachedTokens(call.messagesJson(), call.promptTokens()) : 0;
        ServicePlan plan = latency.plan(call.messagesJson(), attempt, call.maxTokens(), features.reasoningTokens(),
                cached, call.promptTokens());
        String tier = servedTier(call, attempt);
        SimResponse answer;
        if (route.api() == Api.RESPONSES) {
            answer = responses(request.number(), model, call, plan, tier).withHeaders(admission.headers());
        } else {
            answer = call.stream()
                    ? stream(request.number(), model, azure, call, plan, tier).withHeaders(admission.headers())
                    : SimResponse.json(200, completion(request.number(), model, azure, call, plan, tier))
                            .withHeaders(admission.headers())
                            .withDelay(plan.total());
        }
        if (throttle.isPresent() && azure) {
            answer = answer.withHeaders(ThrottleModel.spillover(limited));
        }
        Optional<FaultKind> fault = faults.draw(call.messagesJson(), attempt);
        return fault.isPresent() ? faults.apply(fault.get(), answer, plan, azure) : answer;
    }

    /**
     * Whose limit a request counts against: the deployment in an Azure path, the model on the Azure v1
     * route (where the model field names the deployment), one shared limit on the OpenAI route.
     */
    private static String limitKey(SimRoute route, ChatCall call) {
        return switch (route.style()) {
            case AZURE_DEPLOYMENT -> route.deployment();
            case AZURE_V1 -> call.model();
            case OPENAI -> "";
        };
    }

    /**
     * The same answer as {@link #completion}, streamed: same text, same usage, headers at once and the
     * content events timed by the plan.
     */
    private SimResponse stream(long number, String model, boolean azure, ChatCall call, ServicePlan plan,
                               String tier) {
        List<ChoiceAnswer> choices = ChoiceAnswer.of(call, plan, number);
        CompletionStream chunks = new CompletionStream(completionId(number), clock.instant().getEpochSecond(),
                model, azure, tier);
        ChatOptions options = call.options();
        return SimResponse.eventStream(chunks.writes(choices, plan, settings.answers().tokenDelay(),
                settings.answers().tokensPerChunk(), call.includeUsage() ? usage(call, plan, choices) : null,
                options.logprobs() ? options.topLogprobs() : -1));
    }

    private String completion(long number, String model, boolean azure, ChatCall call, ServicePlan plan,
                              String tier) {
        List<ChoiceAnswer> answers = ChoiceAnswer.of(call, plan, number);
        ArrayNode choices = JSON.arrayNode();
        for (ChoiceAnswer answer : answers) {
            ObjectNode message = JSON.objectNode().put("role", "assistant");
            if (answer.call() == null) {
                message.put("content", answer.text());
            } else {
                message.putNull("content");
            }
            message.putNull("refusal");
            if (answer.call() != null) {
                ObjectNode toolCall = message.putArray("tool_calls").addObject()
                        .put("id", answer.callId()).put("type", "function");
                toolCall.putObject("function").put("name", answer.call().name()).put("arguments", answer.text());
            }
            ObjectNode choice = JSON.objectNode().put("index", answer.index());
            choice.set("message", message);
            choice.put("finish_reason", answer.finishReason());
            if (call.options().logprobs() && answer.call() == null) {
                choice.set("logprobs", TokenLogprobs.of(answer.pieces(), call.options().topLogprobs(), azure));
            } else {
                choice.putNull("logprobs");
            }
            if (azure) {
                choice.set("content_filter_results", filterResults());
            }
            choices.add(choice);
        }
        ObjectNode root = JSON.objectNode()
                .put("id", completionId(number))
                .put("object", "chat.completion")
                .put("created", clock.instant().getEpochSecond())
                .put("model", model)
                .put("system_fingerprint", "fp_sim");
        if (tier != null) {
            root.put("service_tier", tier);
        }
        if (azure) {
            ObjectNode promptFilter = JSON.objectNode().put("prompt_index", 0);
            promptFilter.set("content_filter_results", filterResults());
            root.putArray("prompt_filter_results").add(promptFilter);
        }
        root.set("choices", choices);
        root.set("usage", usage(call, plan, answers));
        return root.toString();
    }

    /**
     * Chat's usage: the visible tokens of all n choices plus the reasoning tokens (spent once, before the
     * first visible token), cached tokens counted among the prompt tokens; both told apart in the details.
     */
    private static ObjectNode usage(ChatCall call, ServicePlan plan, List<ChoiceAnswer> choices) {
        int completion = ChoiceAnswer.completionTokens(choices) + plan.reasoningTokens();
        ObjectNode usage = JSON.objectNode()
                .put("prompt_tokens", call.promptTokens())
                .put("completion_tokens", completion)
                .put("total_tokens", call.promptTokens() + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", plan.cachedTokens());
        usage.putObject("completion_tokens_details").put("reasoning_tokens", plan.reasoningTokens());
        return usage;
    }

    /** The Responses API's usage: the same counts under its own names. */
    private static ObjectNode responseUsage(ChatCall call, ServicePlan plan) {
        ObjectNode usage = JSON.objectNode().put("input_tokens", call.promptTokens());
        usage.putObject("input_tokens_details").put("cached_tokens", plan.cachedTokens());
        usage.put("output_tokens", plan.billedCompletionTokens());
        usage.putObject("output_tokens_details").put("reasoning_tokens", plan.reasoningTokens());
        usage.put("total_tokens", call.promptTokens() + plan.billedCompletionTokens());
        return usage;
    }

    /** A Responses API answer: one {@code response} object, or its typed events when streamed. */
    private SimResponse responses(long number, String model, ChatCall call, ServicePlan plan, String tier) {
        ResponseAnswer answer = new ResponseAnswer("resp_sim_" + number, clock.instant().getEpochSecond(), model,
                tier);
        if (call.stream()) {
            List<String> pieces = AnswerText.pieces(call.lastUserText(), plan.completionTokens(), plan.textStart());
            return SimResponse.eventStream(answer.writes(pieces, plan, settings.answers().tokenDelay(),
                    settings.answers().tokensPerChunk(), responseUsage(call, plan)));
        }
        String text = AnswerText.of(call.lastUserText(), plan.completionTokens(), plan.textStart());
        return SimResponse.json(200, answer.body(text, plan, responseUsage(call, plan))).withDelay(plan.total());
    }

    /**
     * The tier that serves a request, as its answer names it: none asked, none named; {@code auto} is
     * served at {@code default}; a priority request is served at default for the configured share of
     * requests (a draw keyed like the latency's, so the same prompts are downgraded in every run).
     */
    private String servedTier(ChatCall call, int attempt) {
        String asked = call.serviceTier();
        if (asked == null) return null;
        if (asked.equals("auto")) return "default";
        double share = settings.features().tierDowngrade();
        if (asked.equals("priority") && share > 0) {
            double draw = new SplittableRandom(LatencyModel.key(settings.seed() ^ 0x7165a3L, call.messagesJson(),
                    attempt)).nextDouble();
            if (draw < share) return "default";
        }
        return asked;
    }

    private static String completionId(long number) {
        return "chatcmpl-sim-" + number;
    }

    /** Azure's per-category verdicts, all clear: the simulator filters nothing. */
    static ObjectNode filterResults() {
        ObjectNode results = JSON.objectNode();
        for (String category : new String[] {"hate", "self_harm", "sexual", "violence"}) {
            results.putObject(category).put("filtered", false).put("severity", "safe");
        }
        return results;
    }

    /**
     * Whether Azure serves chat completions under {@code version}: the GA versions up to 2024-10-21, any
     * dated preview, and the v1 route's {@code v1}, {@code preview} and {@code latest}.
     */
    static boolean knownApiVersion(String version) {
        return GA_VERSIONS.contains(version) || version.matches("\\d{4}-\\d{2}-\\d{2}-preview")
                || version.equals("v1") || version.equals("preview") || version.equals("latest");
    }

    private static final java.util.Set<String> GA_VERSIONS =
            java.util.Set.of("2022-12-01", "2023-05-15", "2024-02-01", "2024-06-01", "2024-10-21");

    /** The {@code api-version} query parameter, if given and not empty. */
    private static Optional<String> apiVersion(String rawQuery) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("api-version=") && pair.length() > "api-version=".length()) {
                return Optional.of(pair.substring("api-version=".length()));
            }
        }
        return Optional.empty();
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
