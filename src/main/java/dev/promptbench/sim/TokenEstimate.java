package dev.promptbench.sim;

/**
 * A deterministic estimate of how many tokens a text costs; the simulator's {@code usage} figures.
 *
 * <p>It is an estimate, not a tokenizer: every Han, Hiragana or Katakana character counts as one
 * token (real tokenizers give Japanese roughly one token per character), every run of other letters
 * and digits counts as one token (about right for common English words), and every other visible
 * character (punctuation) counts as one. The answer text is built from the same rule, so an answer of
 * N tokens re-counts to exactly N.
 */
public final class TokenEstimate {

    /** Overhead per chat message (role and separators), in the spirit of OpenAI's own accounting. */
    static final int PER_MESSAGE = 4;
    /** Overhead of every request: the tokens that prime the assistant's reply. */
    static final int PER_REQUEST = 3;

    private TokenEstimate() {}

    /** The estimated token count of {@code text}. */
    public static int of(String text) {
        int tokens = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                inWord = false;
            } else if (isJapanese(cp)) {
                tokens++;
                inWord = false;
            } else if (Character.isLetterOrDigit(cp)) {
                if (!inWord) {
                    tokens++;
                    inWord = true;
                }
            } else {
                tokens++;
                inWord = false;
            }
        }
        return tokens;
    }

    /** True for the scripts counted one token per character (and that make the answer Japanese). */
    static boolean isJapanese(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    /** True if {@code text} holds at least one Han, Hiragana or Katakana character. */
    static boolean containsJapanese(String text) {
        return text.codePoints().anyMatch(TokenEstimate::isJapanese);
    }
}
