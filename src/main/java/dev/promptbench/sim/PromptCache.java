package dev.promptbench.sim;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's prompt cache, as the services document it: a prompt whose first 1,024 tokens or more
 * were seen before reuses them, counted in steps of 128 tokens. Tokens are taken as four characters of the
 * prompt's text (the simulator's usual estimate), and a prefix is remembered by a hash of its text at each
 * 128-token boundary, so a prompt is read once to look up and to remember all its prefixes.
 */
final class PromptCache {
    /** The shortest prefix the services cache. */
    static final int MIN_TOKENS = 1024;
    /** Cached prefixes grow in steps of this many tokens. */
    static final int STEP_TOKENS = 128;
    private static final int CHARS_PER_TOKEN = 4;
    /** Forgets everything past this many prefixes: memory stays bounded on a million-prompt run. */
    private static final int MAX_PREFIXES = 1 << 20;

    private final Set<Long> prefixes = ConcurrentHashMap.newKeySet();

    /**
     * The tokens of {@code prompt} an earlier prompt already brought into the cache (0, or a multiple of
     * 128 of at least 1,024, at most {@code promptTokens}); remembers this prompt's prefixes.
     *
     * @param prompt       the prompt's text as the service reads it, in order
     * @param promptTokens the prompt's token count, which bounds the cached count
     */
    int cachedTokens(String prompt, int promptTokens) {
        int stepChars = STEP_TOKENS * CHARS_PER_TOKEN;
        int minChars = MIN_TOKENS * CHARS_PER_TOKEN;
        if (prompt.length() < minChars) {
            return 0;
        }
        if (prefixes.size() > MAX_PREFIXES) {
            prefixes.clear();
        }
        long hash = 0xcbf29ce484222325L;
        int cached = 0;
        for (int i = 0; i < prompt.length(); i++) {
            hash ^= prompt.charAt(i);
            hash *= 0x100000001b3L;
            int length = i + 1;
            if (length >= minChars && length % stepChars == 0) {
                // Seen before: this prefix is cached; add() remembers it either way.
                if (!prefixes.add(hash ^ length)) {
                    cached = length / CHARS_PER_TOKEN;
                }
            }
        }
        int bound = promptTokens / STEP_TOKENS * STEP_TOKENS;
        return Math.min(cached, bound < MIN_TOKENS ? 0 : bound);
    }
}
