package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptbench.prompt.Message;
import dev.promptbench.prompt.TypedJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request body, written straight from typed values: messages and fields go out exactly as given. */
class ChatBodyTest {

    private final ChatBody body = new ChatBody(new WireCodec());

    @Test
    void messagesOfEveryKindGoOutExactlyAsWritten() throws Exception {
        String messages = "[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Describe\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\",\"detail\":\"low\"}}],"
                + "\"name\":\"ann\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"content\":\"42\",\"tool_call_id\":\"c1\"}]";
        ChatRequest request = new ChatRequest("p", TypedJson.messages(messages), 5,
                TypedJson.fields("{\"temperature\":0.20,\"seed\":-7,\"stop\":[\"\\n\"],\"logprobs\":true,\"user\":null}"));

        assertEquals("{\"messages\":" + messages + ",\"max_completion_tokens\":5,\"temperature\":0.2,\"seed\":-7,"
                + "\"stop\":[\"\\n\"],\"logprobs\":true,\"user\":null}", written(request));
    }

    @Test
    void aNonceTextPartIsWrittenAsATextPart() throws Exception {
        List<Message.Part> parts = new ArrayList<>(List.of(Message.Part.text("[n] ")));
        ChatRequest request = new ChatRequest("p", List.of(new Message("user", new Message.Content.Parts(parts),
                java.util.Map.of())), null, null);

        assertEquals("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"[n] \"}]}]}",
                written(request));
    }

    private String written(ChatRequest request) throws Exception {
        return new String(body.bytes(request, ClientFixtures.azure("http://127.0.0.1:9")), StandardCharsets.UTF_8);
    }
}
