package dev.promptbench.control;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.promptbench.prompt.JsonValue;
import dev.promptbench.prompt.Message;
import java.util.List;

/**
 * Counts a chat request's prompt tokens with the o200k_base vocabulary (the GPT-4o family's), as
 * OpenAI's own accounting does: the tokens of each message's role, name and text, about three more
 * per message for its framing, and three that prime the reply. Image and audio parts are not
 * counted (the service prices them by size, not by text).
 *
 * <p>The vocabulary costs about 150 MB of heap and a second to load, so it is loaded on first use
 * (or by {@link #load()}), never by runs that set no budget. Safe for concurrent use.
 */
public final class TokenEstimator {
    /** Framing tokens of every message (start, role separator, end), per OpenAI's cookbook. */
    public static final int TOKENS_PER_MESSAGE = 3;
    /** Tokens that prime the assistant's reply, added once per request. */
    public static final int REPLY_PRIMING = 3;

    private final Object loading = new Object();
    private volatile Encoding encoding;

    /** Loads the vocabulary now, so the first budgeted request does not pay for it. */
    public void load() {
        encoding();
    }

    /** Whether the vocabulary has been loaded. */
    public boolean isLoaded() {
        return encoding != null;
    }

    /** Tokens of {@code text} as plain text: special-token markers in it count as the text they are. */
    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding().countTokensOrdinary(text);
    }

    /**
     * The prompt tokens of {@code messages} (a chat-completions {@code messages} array): for each
     * message {@value #TOKENS_PER_MESSAGE} plus its role, name and text parts, then
     * {@value #REPLY_PRIMING} for the reply.
     */
    public int promptTokens(List<Message> messages) {
        long tokens = REPLY_PRIMING;
        if (messages != null) {
            for (Message message : messages) {
                JsonValue name = message.other().get("name");
                tokens += TOKENS_PER_MESSAGE + count(message.role())
                        + count(name instanceof JsonValue.Text text ? text.value() : null)
                        + contentTokens(message.content());
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }

    private long contentTokens(Message.Content content) {
        if (content instanceof Message.Content.Text text) {
            return count(text.text());
        }
        long tokens = 0;
        if (content instanceof Message.Content.Parts parts) {
            for (Message.Part part : parts.parts()) {
                // Only text parts: {"type": "text", "text": "..."}.
                if ("text".equals(part.type())) {
                    tokens += count(part.text());
                }
            }
        }
        return tokens;
    }

    private Encoding encoding() {
        Encoding loaded = encoding;
        if (loaded == null) {
            synchronized (loading) {
                loaded = encoding;
                if (loaded == null) {
                    // The lazy registry reads only the vocabulary asked for, not all four.
                    loaded = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
                    encoding = loaded;
                }
            }
        }
        return loaded;
    }
}
