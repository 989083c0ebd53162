package dev.promptbench.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulated assistant's reply: canned sentences in the prompt's script (Japanese or English),
 * repeated or cut to exactly the requested number of estimated tokens.
 */
public final class AnswerText {

    private static final String JAPANESE =
            "これはシミュレーターが作った回答です。実際のモデルは呼び出していません。"
            + "応答までの時間は設定した分布に従って決まります。"
            + "同じシードと同じプロンプトなら、いつも同じ結果になります。"
            + "並列で送っても順番に送っても、待ち時間は変わりません。";

    private static final String ENGLISH =
            "This is a simulated answer from the promptbench simulator . No model was called to write it ."
            + " Its length and timing follow the configured latency model . The same seed and prompt"
            + " always give the same reply , whether the prompts run one by one or in parallel .";

    /** The English answer as tokens: words and punctuation marks, each one estimated token. */
    private static final List<String> ENGLISH_TOKENS = List.of(ENGLISH.split(" "));
    /** The Japanese answer as code points, each one estimated token. */
    private static final int[] JAPANESE_CHARS = JAPANESE.codePoints().toArray();

    private AnswerText() {}

    /**
     * An answer of exactly {@code tokens} estimated tokens.
     *
     * @param prompt the text that decides the script (the last user message)
     * @param tokens how many tokens the answer must have, at least 1
     * @param start  where in the canned text to begin (any value; taken modulo its length), so that
     *               different prompts get different answers
     */
    public static String of(String prompt, int tokens, long start) {
        return TokenEstimate.containsJapanese(prompt) ? japanese(tokens, start) : english(tokens, start);
    }

    private static String japanese(int tokens, long start) {
        StringBuilder out = new StringBuilder(tokens * 2);
        int offset = (int) Math.floorMod(start, (long) JAPANESE_CHARS.length);
        for (int i = 0; i < tokens; i++) {
            out.appendCodePoint(JAPANESE_CHARS[(offset + i) % JAPANESE_CHARS.length]);
        }
        return out.toString();
    }

    private static String english(int tokens, long start) {
        int offset = (int) Math.floorMod(start, (long) ENGLISH_TOKENS.size());
        if (isPunctuation(ENGLISH_TOKENS.get(offset))) {
            offset = (offset + 1) % ENGLISH_TOKENS.size(); // never open the answer with a comma
        }
        List<String> words = new ArrayList<>(tokens);
        for (int i = 0; i < tokens; i++) {
            words.add(ENGLISH_TOKENS.get((offset + i) % ENGLISH_TOKENS.size()));
        }
        StringBuilder out = new StringBuilder(tokens * 6);
        boolean sentenceStart = true;
        for (String word : words) {
            boolean punctuation = isPunctuation(word);
            if (out.length() > 0 && !punctuation) {
                out.append(' ');
            }
            // An answer cut from the middle of a sentence still starts with a capital letter.
            out.append(sentenceStart && !punctuation ? capitalised(word) : word);
            sentenceStart = word.equals(".");
        }
        return out.toString();
    }

    private static boolean isPunctuation(String token) {
        return token.length() == 1 && !Character.isLetterOrDigit(token.charAt(0));
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
