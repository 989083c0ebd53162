package dev.promptbench.control;

import dev.promptbench.prompt.TypedJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptbench.client.ChatRequest;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One estimator for the class: loading the vocabulary takes about a second. */
    private static final TokenEstimator ESTIMATOR = new TokenEstimator();

    // Pinned once from jtokkit's o200k_base; the properties below keep the test from being a tautology.
    private static final String ENGLISH = "Summarize the following paragraph in one sentence.";
    private static final String JAPANESE = "東京は日本の首都で、世界で最も人口の多い都市圏の一つです。";
    private static final String RUSSIAN = "Привет! Как дела? Расскажи мне о погоде в Москве.";
    private static final String ARABIC = "مرحبا، كيف حالك اليوم؟";
    private static final String CHINESE = "北京是中国的首都。";
    private static final String CODE = "def add(a, b):\n    return a + b\n";

    @Test
    void countsSamplePromptsInSeveralScripts() {
        assertEquals(10, ESTIMATOR.count(ENGLISH));
        assertEquals(24, ESTIMATOR.count(JAPANESE));
        assertEquals(16, ESTIMATOR.count(RUSSIAN));
        assertEquals(8, ESTIMATOR.count(ARABIC));
        assertEquals(7, ESTIMATOR.count(CHINESE));
        assertEquals(12, ESTIMATOR.count(CODE));
    }

    @Test
    void japaneseCostsFarMoreTokensPerCharacterThanEnglish() {
        // A real tokenizer gives Japanese roughly one token per one or two characters, English about one per four.
        int japaneseChars = JAPANESE.codePointCount(0, JAPANESE.length());
        assertTrue(ESTIMATOR.count(JAPANESE) >= japaneseChars / 3, "Japanese: at least one token per 3 characters");
        assertTrue(ESTIMATOR.count(ENGLISH) <= ENGLISH.length() / 3, "English: at most one token per 3 characters");
        assertTrue(ESTIMATOR.count(ENGLISH) >= ENGLISH.split(" ").length, "English: at least one token per word");
    }

    @Test
    void commonEnglishWordsAreOneTokenEach() {
        String words = "the quick brown fox jumps over the lazy dog and the cat sat on the mat";
        assertEquals(words.split(" ").length, ESTIMATOR.count(words));
    }

    @Test
    void specialTokenMarkersCountAsTheTextTheyAre() {
        assertEquals(7, ESTIMATOR.count("<|endoftext|>"));
        assertEquals(0, ESTIMATOR.count(""));
        assertEquals(0, ESTIMATOR.count(null));
    }

    @Test
    void promptTokensAddPerMessageFramingAndReplyPriming() {
        ArrayNode messages = JSON.createArrayNode();
        messages.addObject().put("role", "system").put("content", ENGLISH);
        messages.addObject().put("role", "user").put("content", JAPANESE);
        int expected = TokenEstimator.REPLY_PRIMING
                + TokenEstimator.TOKENS_PER_MESSAGE + 1 + 10   // "system" is one token
                + TokenEstimator.TOKENS_PER_MESSAGE + 1 + 24;  // "user" is one token
        assertEquals(expected, ESTIMATOR.promptTokens(TypedJson.messages(messages)));
    }

    @Test
    void onlyTextPartsOfMultipartContentAreCounted() {
        ArrayNode messages = JSON.createArrayNode();
        ObjectNode message = messages.addObject().put("role", "user").put("name", "alice");
        ArrayNode parts = message.putArray("content");
        parts.addObject().put("type", "text").put("text", ENGLISH);
        parts.addObject().put("type", "image_url").putObject("image_url").put("url", "https://example.invalid/a.png");
        parts.addObject().put("type", "text").put("text", CHINESE);
        assertEquals(TokenEstimator.REPLY_PRIMING + TokenEstimator.TOKENS_PER_MESSAGE + 1 + ESTIMATOR.count("alice")
                + 10 + 7, ESTIMATOR.promptTokens(TypedJson.messages(messages)));
    }

    @Test
    void emptyOrMissingMessagesCostOnlyTheReplyPriming() {
        assertEquals(TokenEstimator.REPLY_PRIMING, ESTIMATOR.promptTokens(null));
        assertEquals(TokenEstimator.REPLY_PRIMING, ESTIMATOR.promptTokens(TypedJson.messages("[]")));
        ArrayNode nullContent = JSON.createArrayNode();
        nullContent.addObject().put("role", "assistant").putNull("content");
        assertEquals(TokenEstimator.REPLY_PRIMING + TokenEstimator.TOKENS_PER_MESSAGE + 1,
                ESTIMATOR.promptTokens(TypedJson.messages(nullContent)));
    }

    @Test
    void theVocabularyIsLoadedOnlyWhenFirstNeeded() {
        TokenEstimator fresh = new TokenEstimator();
        assertFalse(fresh.isLoaded(), "constructing loads nothing");
        fresh.load();
        assertTrue(fresh.isLoaded());
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> counts = pool.invokeAll(List.of(
                    () -> ESTIMATOR.count(JAPANESE), () -> ESTIMATOR.count(JAPANESE),
                    () -> ESTIMATOR.count(JAPANESE), () -> ESTIMATOR.count(JAPANESE)));
            for (Future<Integer> count : counts) {
                assertEquals(24, count.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void chargeIsPromptPlusMaxTokensTimesCompletions() {
        TokenCharge charge = new TokenCharge(ESTIMATOR);
        ArrayNode messages = JSON.createArrayNode();
        messages.addObject().put("role", "user").put("content", ENGLISH);
        int prompt = ESTIMATOR.promptTokens(TypedJson.messages(messages));
        assertEquals(prompt + 100, charge.applyAsLong(new ChatRequest("p", TypedJson.messages(messages), 100, null)));
        assertEquals(prompt + TokenCharge.DEFAULT_MAX_TOKENS,
                charge.applyAsLong(new ChatRequest("p", TypedJson.messages(messages), null, null)),
                "no max tokens: Azure reserves the context, the budget charges the default");
        assertEquals(prompt + 300,
                charge.applyAsLong(new ChatRequest("p", TypedJson.messages(messages), 100, TypedJson.fields(JSON.createObjectNode().put("n", 3)))));
        assertEquals(prompt + 100, charge.applyAsLong(new ChatRequest("p", TypedJson.messages(messages), 100, null)));
    }
}
