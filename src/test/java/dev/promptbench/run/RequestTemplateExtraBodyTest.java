package dev.promptbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptbench.client.ChatRequest;
import dev.promptbench.prompt.Prompt;
import org.junit.jupiter.api.Test;

/** {@code --extra-body} under the flags, which are under the prompt's own fields. */
class RequestTemplateExtraBodyTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static Prompt prompt(ObjectNode fields) {
        var messages = NODES.arrayNode();
        messages.addObject().put("role", "user").put("content", "hi");
        return new Prompt(0, "line-1", messages, fields);
    }

    private static ObjectNode extra() {
        ObjectNode extra = NODES.objectNode();
        extra.put("reasoning_effort", "low");
        extra.put("temperature", 1.0);
        extra.putObject("metadata").put("team", "bench");
        return extra;
    }

    @Test
    void extraFieldsAreSentAndTheFlagsBeatThem() {
        ChatRequest request = new RequestTemplate(new RequestSettings(0.2, null, null, null, false, false, extra()))
                .requestFor(prompt(NODES.objectNode()));

        assertEquals("low", request.fields().get("reasoning_effort").asText());
        assertEquals("bench", request.fields().get("metadata").get("team").asText());
        assertEquals(0.2, request.fields().get("temperature").doubleValue());
    }

    @Test
    void thePromptsOwnFieldsBeatTheExtraBody() {
        ObjectNode own = NODES.objectNode().put("reasoning_effort", "high");
        ChatRequest request = new RequestTemplate(new RequestSettings(null, null, null, null, false, false, extra()))
                .requestFor(prompt(own));

        assertEquals("high", request.fields().get("reasoning_effort").asText());
    }

    @Test
    void aLimitInTheExtraBodyGoesOutUnderTheEndpointsFieldBelowMaxTokens() {
        ObjectNode extra = NODES.objectNode().put("max_completion_tokens", 300);
        ChatRequest fromExtra = new RequestTemplate(new RequestSettings(null, null, null, null, false, false, extra))
                .requestFor(prompt(NODES.objectNode()));
        assertEquals(300, fromExtra.maxTokens());
        assertFalse(fromExtra.fields().has("max_completion_tokens"));

        ChatRequest fromFlag = new RequestTemplate(new RequestSettings(null, null, null, 50, false, false, extra))
                .requestFor(prompt(NODES.objectNode()));
        assertEquals(50, fromFlag.maxTokens());
    }

    @Test
    void theSettingsKeepTheirOwnCopy() {
        ObjectNode extra = extra();
        RequestSettings settings = new RequestSettings(null, null, null, null, false, false, extra);
        extra.put("reasoning_effort", "changed later");

        assertEquals("low", new RequestTemplate(settings).requestFor(prompt(NODES.objectNode()))
                .fields().get("reasoning_effort").asText());
        assertNull(RequestSettings.none().extraBody());
        assertNull(new RequestSettings(null, null, null, null, false, false, NODES.objectNode()).extraBody());
    }
}
