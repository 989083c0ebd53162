package dev.promptbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AnswerTextTest {

    @Test
    void tokenEstimateCountsWordsPunctuationAndJapaneseCharacters() {
        assertEquals(0, TokenEstimate.of(""));
        assertEquals(4, TokenEstimate.of("Hello, world."));
        assertEquals(3, TokenEstimate.of("  two words\n\tthree "));
        assertEquals(5, TokenEstimate.of("こんにちは"));
        assertEquals(7, TokenEstimate.of("東京は晴れ。 ok"));
    }

    @Test
    void piecesAreOneTokenEachAndJoinToTheAnswer() {
        for (String prompt : new String[] {"Summarise the plot of Hamlet.", "日本の首都について教えてください"}) {
            for (int tokens = 1; tokens <= 60; tokens++) {
                java.util.List<String> pieces = AnswerText.pieces(prompt, tokens, 5);
                assertEquals(tokens, pieces.size());
                assertEquals(AnswerText.of(prompt, tokens, 5), String.join("", pieces));
                for (String piece : pieces) {
                    assertEquals(1, TokenEstimate.of(piece), "'" + piece + "'");
                }
            }
        }
    }

    @Test
    void englishAnswerHasExactlyTheRequestedTokens() {
        for (int tokens = 1; tokens <= 120; tokens++) {
            for (long start : new long[] {0, 7, -3, Long.MAX_VALUE}) {
                String answer = AnswerText.of("Summarise the plot of Hamlet.", tokens, start);
                assertEquals(tokens, TokenEstimate.of(answer), answer);
                assertTrue(answer.chars().allMatch(c -> c < 128), answer);
                assertTrue(Character.isUpperCase(answer.charAt(0)), answer);
            }
        }
    }

    @Test
    void japanesePromptGetsAJapaneseAnswerOfTheRequestedTokens() {
        for (int tokens = 1; tokens <= 120; tokens++) {
            String answer = AnswerText.of("日本の首都について教えてください", tokens, 11);
            assertEquals(tokens, TokenEstimate.of(answer), answer);
            assertTrue(TokenEstimate.containsJapanese(answer), answer);
        }
        assertTrue(TokenEstimate.containsJapanese(AnswerText.of("カタカナだけ", 20, 0)));
        assertFalse(TokenEstimate.containsJapanese(AnswerText.of("plain English", 20, 0)));
    }

    @Test
    void theStartMovesTheTextSoPromptsReadDifferently() {
        assertNotEquals(AnswerText.of("hi", 12, 1), AnswerText.of("hi", 12, 2));
        assertNotEquals(AnswerText.of("日本", 12, 1), AnswerText.of("日本", 12, 2));
        assertEquals(AnswerText.of("hi", 12, 5), AnswerText.of("hi", 12, 5));
    }
}
