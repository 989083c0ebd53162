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
        ObjectNode error = JSON.objectNode()
                .put("code", "401")
                .put("message", "Access denied due to invalid subscription key or wrong API endpoint. "
                        + "Make sure to provide a valid key for an active subscription and use a correct "
                        + "regional API endpoint for your resource.");
        return SimResponse.json(401, JSON.objectNode().set("error", error).toString());
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
    static SimResponse tooLarge(int limit) {
        return openAiStyle(413, "The request body is larger than the simulator's limit of " + limit
                + " bytes.", "invalid_request_error", null, "request_too_large");
    }

    /** 500 for a bug in the simulator: the client gets an answer instead of a hung request. */
    static SimResponse internal() {
        return openAiStyle(500, "The simulator failed to answer this request.", "server_error", null,
                null);
    }

    private static SimResponse openAiStyle(int status, String message, String type, String param,
                                           String code) {
        ObjectNode error = JSON.objectNode()
                .put("message", message)
                .put("type", type)
                .put("param", param)
                .put("code", code);
        return SimResponse.json(status, JSON.objectNode().set("error", error).toString());
    }
}
