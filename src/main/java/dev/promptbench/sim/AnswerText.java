package dev.promptbench.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

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
    /** Where each English sentence begins, so an answer never opens mid-sentence. */
    private static final List<Integer> ENGLISH_STARTS =
            sentenceStarts(ENGLISH_TOKENS.size(), i -> ENGLISH_TOKENS.get(i).equals("."));
    /** Where each Japanese sentence begins. */
    private static final List<Integer> JAPANESE_STARTS =
            sentenceStarts(JAPANESE_CHARS.length, i -> JAPANESE_CHARS[i] == '。');

    private AnswerText() {}

    /**
     * An answer of exactly {@code tokens} estimated tokens.
     *
     * @param prompt the text that decides the script (the last user message)
     * @param tokens how many tokens the answer must have, at least 1
     * @param start  which sentence to begin with (any value; taken modulo the sentence count), so that
     *               different prompts get different answers
     */
    public static String of(String prompt, int tokens, long start) {
        return String.join("", pieces(prompt, tokens, start));
    }

    /**
     * The same answer as {@link #of}, one piece per estimated token (a word with its leading space, a
     * punctuation mark, a Japanese character): what a streamed answer sends, a few pieces per event.
     * The pieces joined are exactly {@link #of}'s text, and each counts as one token.
     */
    static List<String> pieces(String prompt, int tokens, long start) {
        return TokenEstimate.containsJapanese(prompt) ? japanese(tokens, start) : english(tokens, start);
    }

    private static List<String> japanese(int tokens, long start) {
        int offset = JAPANESE_STARTS.get((int) Math.floorMod(start, (long) JAPANESE_STARTS.size()));
        List<String> out = new ArrayList<>(tokens);
        for (int i = 0; i < tokens; i++) {
            out.add(Character.toString(JAPANESE_CHARS[(offset + i) % JAPANESE_CHARS.length]));
        }
        return out;
    }

    private static List<String> english(int tokens, long start) {
        int offset = ENGLISH_STARTS.get((int) Math.floorMod(start, (long) ENGLISH_STARTS.size()));
        List<String> out = new ArrayList<>(tokens);
        for (int i = 0; i < tokens; i++) {
            String token = ENGLISH_TOKENS.get((offset + i) % ENGLISH_TOKENS.size());
            boolean punctuation = token.length() == 1 && !Character.isLetterOrDigit(token.charAt(0));
            // The space goes with the word after it, so a piece boundary never splits a word from its space.
            out.add(i > 0 && !punctuation ? " " + token : token);
        }
        return out;
    }

    /** Indexes where a sentence begins: 0 and every index after a sentence end. */
    private static List<Integer> sentenceStarts(int length, IntPredicate endsSentence) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < length - 1; i++) {
            if (endsSentence.test(i)) {
                starts.add(i + 1);
            }
        }
        return List.copyOf(starts);
    }
}
