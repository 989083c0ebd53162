package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The documented stand-in count for streams without usage. */
class TokenEstimateTest {

    @Test
    void latinTextIsOneTokenPerStartedFourCharacters() {
        assertEquals(0, TokenEstimate.of("", 0));
        assertEquals(1, TokenEstimate.of("abcd", 0));
        assertEquals(2, TokenEstimate.of("abcde", 0));
        assertEquals(5, TokenEstimate.of("The answer is 42.", 0));
    }

    @Test
    void cjkCharactersAreOneTokenEach() {
        assertEquals(4, TokenEstimate.of("你好世界", 0));
        assertEquals(5, TokenEstimate.of("ひらカナ한", 0), "Hiragana, Katakana and Hangul too");
        assertEquals(3, TokenEstimate.of("Hi 你好", 0), "2 CJK + 3 other characters");
    }

    @Test
    void aSurrogatePairIsOneCharacter() {
        assertEquals(1, TokenEstimate.of("😀😀😀😀", 0));
    }

    @Test
    void neverFewerTokensThanContentEvents() {
        assertEquals(3, TokenEstimate.of("ab", 3));
    }
}
