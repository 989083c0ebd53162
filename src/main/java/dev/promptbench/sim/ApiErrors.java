package dev.promptbench.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The simulator's error responses, shaped like the real services' error bodies. */
final class ApiErrors {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ApiErrors() {}

    /** 400 in OpenAI's shape (which Azure uses for request validation too). */
    static SimResponse invalidRequest(RequestRejection rejection) {
        return openAiStyle(400, rejection.getMessage(), "invalid_request_error", rejection.param(),
                rejection.code());
    }

    /** 401 as Azure sends it for a missing or wrong key. */
    static SimResponse accessDenied() {
        return azureStyle(401, "401", "Access denied due to invalid subscription key or wrong API endpoint. "
                + "Make sure to provide a valid key for an active subscription and use a correct "
                + "regional API endpoint for your resource.");
    }

    /** 401 as OpenAI sends it for a wrong key; unlike the service, it never quotes any of the key. */
    static SimResponse invalidKey() {
        return openAiStyle(401, "Incorrect API key provided. You can find your API key at "
                + "https://platform.openai.com/account/api-keys.", "invalid_request_error", null,
                "invalid_api_key");
    }

    /** 404 as Azure sends it for a deployment name the resource does not have. */
    static SimResponse deploymentNotFound() {
        return azureStyle(404, "DeploymentNotFound", "The API deployment for this resource does not exist. "
                + "If you created the deployment within the last 5 minutes, please wait a moment and try again.");
    }

    /**
     * 404 as Azure's gateway sends it for a path it has no route for, a deployment path without
     * {@code api-version} included (it does not answer 400 there: MicrosoftDocs/azure-docs#114602).
     */
    static SimResponse resourceNotFound() {
        return azureStyle(404, "404", "Resource not found");
    }

    /** 404 as OpenAI sends it for a model that does not exist (the v1 routes name deployments as models). */
    static SimResponse modelNotFound(String model) {
        return openAiStyle(404, "The model `" + model + "` does not exist or you do not have access to it.",
                "invalid_request_error", null, "model_not_found");
    }

    /**
     * 429 for a request over the rate limit: Azure's shape and wording on Azure routes, OpenAI's on
     * the OpenAI route, with the wait in the message as the services give it.
     *
     * @param apiVersion the request's {@code api-version}, named in Azure's message
     * @param model      the deployment or model whose limit it is, named in OpenAI's message
     */
    static SimResponse rateLimited(boolean azure, String apiVersion, String model, Admission refusal) {
        boolean tokens = "tokens".equals(refusal.exceeded());
        SimResponse response;
        if (azure) {
            response = azureStyle(429, "429", "Requests to the ChatCompletions_Create Operation under Azure "
                    + "OpenAI API version " + apiVersion + " have exceeded " + (tokens ? "token" : "call")
                    + " rate limit of your current OpenAI S0 pricing tier. Please retry after "
                    + refusal.retryAfterSeconds() + (refusal.retryAfterSeconds() == 1 ? " second" : " seconds")
                    + ". Please go here: https://aka.ms/oai/quotaincrease if you would like to further "
                    + "increase the default rate limit.");
        } else {
            int limit = tokens ? refusal.limitTokens() : refusal.limitRequests();
            response = openAiStyle(429, "Rate limit reached for " + model + " in organization org-simulator on "
                    + (tokens ? "tokens per min (TPM)" : "requests per min (RPM)") + ": Limit " + limit
                    + ". Please try again in " + refusal.retryAfterMillis() + "ms.",
                    tokens ? "tokens" : "requests", null, "rate_limit_exceeded");
        }
        return response.withHeaders(refusal.headers());
    }

    /**
     * 429 for a used-up quota: Azure's token-rate message asking for a day's wait (with {@code retry-after}),
     * OpenAI's {@code insufficient_quota} (no wait: none would help).
     */
    static SimResponse quotaExhausted(boolean azure, String apiVersion, long retryAfterSeconds) {
        if (azure) {
            return azureStyle(429, "429", "Requests to the ChatCompletions_Create Operation under Azure OpenAI API "
                    + "version " + apiVersion + " have exceeded token rate limit of your current OpenAI S0 pricing "
                    + "tier. Please retry after " + retryAfterSeconds + " seconds. Please go here: "
                    + "https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.")
                    .withHeader("retry-after", Long.toString(retryAfterSeconds));
        }
        return openAiStyle(429, "You exceeded your current quota, please check your plan and billing details.",
                "insufficient_quota", null, "insufficient_quota");
    }

    /**
     * 429 of the flex tier when it lacks capacity. The services document it as "429 Resource Unavailable"
     * and not billed; its exact body is not documented, so this one is that name in each service's error shape.
     */
    static SimResponse flexUnavailable(boolean azure) {
        return azure
                ? azureStyle(429, "resource_unavailable", "Resource Unavailable: flex processing has no capacity "
                        + "for this request now.")
                : openAiStyle(429, "Resource Unavailable: flex processing has no capacity for this request now.",
                        null, null, "resource_unavailable");
    }

    /** 500 as a service sends it when it failed mid-answer: a fault the client should retry. */
    static SimResponse serverError(boolean azure) {
        return azure
                ? azureStyle(500, "InternalServerError", "The server had an error while processing your "
                        + "request. Sorry about that! You can retry your request.")
                : openAiStyle(500, "The server had an error while processing your request. Sorry about that!",
                        "server_error", null, null);
    }

    /** 503 as an overloaded service sends it, asking the client to come back after {@code retryAfterMillis}. */
    static SimResponse unavailable(boolean azure, long retryAfterMillis) {
        SimResponse response = azure
                ? azureStyle(503, "ServiceUnavailable", "The service is temporarily unable to process your "
                        + "request. Please try again later.")
                : openAiStyle(503, "The engine is currently overloaded, please try again later.",
                        "server_error", null, null);
        return response
                .withHeader("retry-after-ms", Long.toString(retryAfterMillis))
                .withHeader("retry-after", Long.toString(Math.max(1, (retryAfterMillis + 999) / 1000)));
    }

    /** 401 as OpenAI sends it when no bearer token came. */
    static SimResponse missingBearer() {
        return openAiStyle(401, "You didn't provide an API key. You need to provide your API key in an "
                + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                "invalid_request_error", null, "invalid_api_key");
    }

    /** 404 for a path the simulator does not serve. */
    static SimResponse unknownUrl(String method, String path) {
        return openAiStyle(404, "Unknown request URL: " + method + " " + path
                + ". The simulator serves POST /openai/deployments/<any>/chat/completions, "
                + "/openai/v1/chat/completions and /v1/chat/completions.",
                "invalid_request_error", null, "unknown_url");
    }

    /** 405 for a known path asked with a method other than POST. */
    static SimResponse methodNotAllowed(String method) {
        return openAiStyle(405, "Method " + method + " is not allowed here; use POST.",
                "invalid_request_error", null, "method_not_allowed").withHeader("Allow", "POST");
    }

    /** 413 for a body larger than the simulator accepts. */
    static SimResponse tooLarge(long limit) {
        return openAiStyle(413, "The request body is larger than the simulator's limit of " + limit
                + " bytes.", "invalid_request_error", null, "request_too_large");
    }

    /** 404 for a file or batch id that does not exist, in each service's words. */
    static SimResponse noSuchObject(boolean azure, String kind, String id) {
        return azure
                ? azureStyle(404, "NotFound", "The " + kind + " '" + id + "' does not exist.")
                : openAiStyle(404, "No such " + (kind.equals("file") ? "File" : "Batch") + " object: " + id,
                        "invalid_request_error", "id", null);
    }

    /**
     * 400 for a Files or Batch API request the services refuse: OpenAI's four fields, which also fill
     * Azure's error shape (code, message, param, type); Azure always names a code.
     */
    static SimResponse badRequest(boolean azure, String message, String param, String code) {
        return openAiStyle(400, message, "invalid_request_error", param,
                code == null && azure ? "invalid_request" : code);
    }

    /** 500 for a bug in the simulator: the client gets an answer instead of a hung request. */
    static SimResponse internal() {
        return openAiStyle(500, "The simulator failed to answer this request.", "server_error", null,
                null);
    }

    static SimResponse azureStyle(int status, String code, String message) {
        ObjectNode error = JSON.objectNode().put("code", code).put("message", message);
        return SimResponse.json(status, JSON.objectNode().set("error", error).toString());
    }

    static SimResponse openAiStyle(int status, String message, String type, String param,
                                           String code) {
        ObjectNode error = JSON.objectNode()
                .put("message", message)
                .put("type", type)
                .put("param", param)
                .put("code", code);
        return SimResponse.json(status, JSON.objectNode().set("error", error).toString());
    }
}
