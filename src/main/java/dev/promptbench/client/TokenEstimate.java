package dev.promptbench.client;

/**
 * A deterministic stand-in for the completion token count when a stream carries no {@code usage}:
 * one token per CJK character (Han, Hiragana, Katakana, Hangul), one per started four other
 * characters (whitespace and punctuation included), and never fewer tokens than content events,
 * since every event carries at least one. It is a rough figure for English-like text, which is why
 * results flag it as estimated.
 */
final class TokenEstimate {
    /** About four characters of Latin-script text make one token in GPT tokenizers. */
    private static final int CHARS_PER_TOKEN = 4;

    private TokenEstimate() {}

    /** Estimated tokens in {@code text}, at least {@code events}. */
    static int of(CharSequence text, int events) {
        long cjk = 0;
        long other = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = Character.codePointAt(text, i);
            i += Character.charCount(codePoint);
            if (isCjk(codePoint)) {
                cjk++;
            } else {
                other++;
            }
        }
        long tokens = cjk + (other + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(tokens, events));
    }

    private static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }
}
