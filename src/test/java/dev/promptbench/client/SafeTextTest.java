package dev.promptbench.client;

import static dev.promptbench.client.ClientFixtures.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void stripsQueryStringsButKeepsThePath() {
        assertEquals("failed for https://x.openai.azure.com/openai/deployments/d/chat/completions (reset)",
                SafeText.line("failed for https://x.openai.azure.com/openai/deployments/d/chat/completions"
                        + "?api-version=2024-10-21&api-key=abc (reset)", null));
    }

    @Test
    void keepsAnOrdinaryQuestionMark() {
        assertEquals("Did you mean gpt-4o? Check the name.", SafeText.line("Did you mean gpt-4o? Check the name.", null));
    }

    @Test
    void redactsTheHeaderValueAndItsToken() {
        assertEquals("got *** and ***", SafeText.line("got Bearer " + "abcdefgh12345678 and abcdefgh12345678",
                "Bearer abcdefgh12345678"));
        assertEquals("key *** bad", SafeText.line("key " + KEY + " bad", KEY));
    }

    @Test
    void masksBearerTokensAndOpenAiKeysItWasNotTold() {
        assertEquals("Authorization: Bearer *** sent", SafeText.line("Authorization: Bearer eyJhbGciOi.x.y sent", null));
        assertEquals("Incorrect key sk-***", SafeText.line("Incorrect key sk-proj-abcdefghij", null));
    }

    @Test
    void shortSecretsAreNotRedactedFromOrdinaryText() {
        assertEquals("keep the k", SafeText.line("keep the k", "k"));
    }

    @Test
    void oneCappedLine() {
        assertEquals("a b c", SafeText.line(" a\n b\r\n\tc ", null));
        String capped = SafeText.line("x".repeat(1000), null);
        assertEquals(SafeText.MAX_LENGTH, capped.length());
        assertTrue(capped.endsWith("..."));
        assertEquals("", SafeText.line(null, null));
    }
}
