package dev.promptbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptbench.client.ChatRequest;
import dev.promptbench.prompt.Prompt;
import org.junit.jupiter.api.Test;

class RequestTemplateTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static Prompt prompt(ObjectNode fields) {
        var messages = NODES.arrayNode();
        messages.addObject().put("role", "user").put("content", "hi");
        return new Prompt(0, "line-1", messages, fields);
    }

    @Test
    void sendsOnlyWhatWasGiven() {
        ChatRequest request = new RequestTemplate(RequestSettings.none()).requestFor(prompt(NODES.objectNode()));
        assertNull(request.maxTokens());
        assertEquals(0, request.fields().size());
    }

    @Test
    void commandLineFieldsAreSent() {
        ChatRequest request = new RequestTemplate(new RequestSettings(0.5, 0.9, 7L, 100, false, false))
                .requestFor(prompt(NODES.objectNode()));
        assertEquals(0.5, request.fields().get("temperature").doubleValue());
        assertEquals(0.9, request.fields().get("top_p").doubleValue());
        assertEquals(7, request.fields().get("seed").longValue());
        assertEquals(100, request.maxTokens());
    }

    @Test
    void thePromptsOwnFieldsWinAndMaxTokensMovesOut() {
        ObjectNode fields = NODES.objectNode().put("temperature", 0.1).put("max_tokens", 20);
        fields.putObject("metadata").put("topic", "x");
        ChatRequest request = new RequestTemplate(new RequestSettings(0.5, null, null, 100, false, false)).requestFor(prompt(fields));
        assertEquals(0.1, request.fields().get("temperature").doubleValue());
        assertEquals(20, request.maxTokens());
        assertFalse(request.fields().has("max_tokens"));
        assertEquals("x", request.fields().path("metadata").path("topic").asText());
    }

    @Test
    void cacheBustingPrefixesEachRequestWithADifferentNonce() {
        RequestTemplate template = new RequestTemplate(new RequestSettings(null, null, null, null, false, true));
        Prompt prompt = prompt(NODES.objectNode());
        String first = template.requestFor(prompt).messages().get(0).path("content").asText();
        String second = template.requestFor(prompt).messages().get(0).path("content").asText();
        org.junit.jupiter.api.Assertions.assertTrue(first.endsWith("] hi"), first);
        org.junit.jupiter.api.Assertions.assertNotEquals(first, second);
        assertEquals("hi", prompt.messages().get(0).path("content").asText(), "the prompt itself is untouched");
    }

    @Test
    void theCanaryAsksForOneToken() {
        ChatRequest canary = new RequestTemplate(new RequestSettings(null, null, null, 500, false, false))
                .canaryFor(prompt(NODES.objectNode()));
        assertEquals(1, canary.maxTokens());
    }
}
