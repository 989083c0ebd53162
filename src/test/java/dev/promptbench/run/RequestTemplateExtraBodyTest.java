package dev.promptbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptbench.client.ChatRequest;
import dev.promptbench.prompt.JsonValue;
import dev.promptbench.prompt.Message;
import dev.promptbench.prompt.Prompt;
import dev.promptbench.prompt.TypedJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --extra-body} under the flags, which are under the prompt's own fields. */
class RequestTemplateExtraBodyTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static Prompt prompt(ObjectNode fields) {
        return new Prompt(0, "line-1", List.of(Message.text("user", "hi")), TypedJson.fields(fields));
    }

    private static Map<String, JsonValue> extra() {
        return TypedJson.fields("{\"reasoning_effort\":\"low\",\"temperature\":1.0,\"metadata\":{\"team\":\"bench\"}}");
    }

    @Test
    void extraFieldsAreSentAndTheFlagsBeatThem() {
        ChatRequest request = new RequestTemplate(new RequestSettings(0.2, null, null, null, false, false, extra()))
                .requestFor(prompt(NODES.objectNode()));

        assertEquals("{\"reasoning_effort\":\"low\",\"temperature\":0.2,\"metadata\":{\"team\":\"bench\"}}",
                TypedJson.json(request.fields()));
    }

    @Test
    void thePromptsOwnFieldsBeatTheExtraBody() {
        ObjectNode own = NODES.objectNode().put("reasoning_effort", "high");
        ChatRequest request = new RequestTemplate(new RequestSettings(null, null, null, null, false, false, extra()))
                .requestFor(prompt(own));

        assertEquals(new JsonValue.Text("high"), request.fields().get("reasoning_effort"));
    }

    @Test
    void aLimitInTheExtraBodyGoesOutUnderTheEndpointsFieldBelowMaxTokens() {
        Map<String, JsonValue> extra = TypedJson.fields("{\"max_completion_tokens\":300}");
        ChatRequest fromExtra = new RequestTemplate(new RequestSettings(null, null, null, null, false, false, extra))
                .requestFor(prompt(NODES.objectNode()));
        assertEquals(300, fromExtra.maxTokens());
        assertFalse(fromExtra.fields().containsKey("max_completion_tokens"));

        ChatRequest fromFlag = new RequestTemplate(new RequestSettings(null, null, null, 50, false, false, extra))
                .requestFor(prompt(NODES.objectNode()));
        assertEquals(50, fromFlag.maxTokens());
    }

    @Test
    void theSettingsKeepTheirOwnCopy() {
        Map<String, JsonValue> extra = new LinkedHashMap<>(extra());
        RequestSettings settings = new RequestSettings(null, null, null, null, false, false, extra);
        extra.put("reasoning_effort", new JsonValue.Text("changed later"));

        assertEquals(new JsonValue.Text("low"), new RequestTemplate(settings).requestFor(prompt(NODES.objectNode()))
                .fields().get("reasoning_effort"));
        assertTrue(RequestSettings.none().extraBody().isEmpty());
        assertTrue(new RequestSettings(null, null, null, null, false, false, Map.of()).extraBody().isEmpty());
    }
}
