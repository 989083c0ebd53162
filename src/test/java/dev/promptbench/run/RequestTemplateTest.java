package dev.promptbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptbench.client.ChatRequest;
import dev.promptbench.prompt.Message;
import dev.promptbench.prompt.Prompt;
import dev.promptbench.prompt.TypedJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestTemplateTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static Prompt prompt(ObjectNode fields) {
        return new Prompt(0, "line-1", List.of(Message.text("user", "hi")), TypedJson.fields(fields));
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
        assertEquals("{\"temperature\":0.5,\"top_p\":0.9,\"seed\":7}", TypedJson.json(request.fields()));
        assertEquals(100, request.maxTokens());
    }

    @Test
    void thePromptsOwnFieldsWinAndMaxTokensMovesOut() {
        ObjectNode fields = NODES.objectNode().put("temperature", 0.1).put("max_tokens", 20);
        fields.putObject("metadata").put("topic", "x");
        ChatRequest request = new RequestTemplate(new RequestSettings(0.5, null, null, 100, false, false)).requestFor(prompt(fields));
        assertEquals(20, request.maxTokens());
        assertEquals("{\"temperature\":0.1,\"metadata\":{\"topic\":\"x\"}}", TypedJson.json(request.fields()));
    }

    @Test
    void cacheBustingPrefixesEachRequestWithADifferentNonce() {
        RequestTemplate template = new RequestTemplate(new RequestSettings(null, null, null, null, false, true));
        Prompt prompt = prompt(NODES.objectNode());
        String first = text(template.requestFor(prompt).messages().get(0));
        String second = text(template.requestFor(prompt).messages().get(0));
        org.junit.jupiter.api.Assertions.assertTrue(first.endsWith("] hi"), first);
        org.junit.jupiter.api.Assertions.assertNotEquals(first, second);
        assertEquals("hi", text(prompt.messages().get(0)), "the prompt itself is untouched");
    }

    private static String text(Message message) {
        return ((Message.Content.Text) message.content()).text();
    }

    @Test
    void theCanaryAsksForOneToken() {
        ChatRequest canary = new RequestTemplate(new RequestSettings(null, null, null, 500, false, false))
                .canaryFor(prompt(NODES.objectNode()));
        assertEquals(1, canary.maxTokens());
    }
}
