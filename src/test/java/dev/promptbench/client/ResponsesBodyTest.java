package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptbench.prompt.Message;
import dev.promptbench.prompt.TypedJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Responses API request body, written from the same typed request as a chat completion. */
class ResponsesBodyTest {

    private final ResponsesBody body = new ResponsesBody(new WireCodec());

    @Test
    void aSystemMessageBecomesInstructionsAndALoneUserTextThePlainInput() throws Exception {
        ChatRequest request = new ChatRequest("p", List.of(Message.text("system", "Be brief."),
                Message.text("user", "Name two primes.")), 50,
                TypedJson.fields("{\"temperature\":0.2,\"reasoning_effort\":\"low\",\"top_p\":0.9}"), 1, true);

        assertEquals("{\"model\":\"dep\",\"instructions\":\"Be brief.\",\"input\":\"Name two primes.\","
                + "\"max_output_tokens\":50,\"stream\":true,\"store\":false,\"reasoning\":{\"effort\":\"low\"},"
                + "\"temperature\":0.2,\"top_p\":0.9}", written(request, azure()));
    }

    @Test
    void jsonlMessagesBecomeInputItemsWithTheResponsesPartTypes() throws Exception {
        String messages = "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Describe\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\",\"detail\":\"low\"}}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"A cat.\"}]},"
                + "{\"role\":\"user\",\"content\":\"Its colour?\"}]";
        ChatRequest request = new ChatRequest("p", TypedJson.messages(messages), null, null);

        assertEquals("{\"model\":\"gpt-4o-mini\",\"input\":["
                + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Describe\"},"
                + "{\"type\":\"input_image\",\"image_url\":\"data:image/png;base64,AAAA\",\"detail\":\"low\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"A cat.\"}]},"
                + "{\"role\":\"user\",\"content\":\"Its colour?\"}],\"store\":false}",
                written(request, ClientFixtures.openai("http://127.0.0.1:9").withApi(Api.RESPONSES)));
    }

    @Test
    void storeGivenByTheRequestWinsAndChatOnlyNamesAreNotSent() throws Exception {
        ChatRequest request = new ChatRequest("p", List.of(Message.text("user", "Hi")), null,
                TypedJson.fields("{\"store\":true,\"stream_options\":{\"include_usage\":true},\"reasoning\":"
                        + "{\"effort\":\"high\",\"summary\":\"auto\"},\"reasoning_effort\":\"low\"}"));

        assertEquals("{\"model\":\"dep\",\"input\":\"Hi\",\"store\":true,"
                + "\"reasoning\":{\"effort\":\"high\",\"summary\":\"auto\"}}", written(request, azure()));
    }

    @Test
    void theUrlFollowsTheRoute() {
        assertEquals(URI.create("http://127.0.0.1:9/openai/v1/responses"), azure().requestUrl(),
                "Azure's deployment route has no responses path: v1, deployment as model, no api-version");
        assertEquals(URI.create("http://127.0.0.1:9/openai/v1/responses"),
                ClientFixtures.azureV1("http://127.0.0.1:9").withApi(Api.RESPONSES).requestUrl());
        assertEquals(URI.create("http://127.0.0.1:9/v1/responses"),
                ClientFixtures.openai("http://127.0.0.1:9").withApi(Api.RESPONSES).requestUrl());
        assertEquals(URI.create("http://127.0.0.1:9" + ClientFixtures.AZURE_PATH),
                ClientFixtures.azure("http://127.0.0.1:9").requestUrl(), "chat is unchanged");
    }

    private static Endpoint azure() {
        return ClientFixtures.azure("http://127.0.0.1:9").withApi(Api.RESPONSES);
    }

    private String written(ChatRequest request, Endpoint endpoint) throws Exception {
        return new String(body.bytes(request, endpoint), StandardCharsets.UTF_8);
    }
}
