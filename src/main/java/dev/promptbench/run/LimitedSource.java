package dev.promptbench.run;

import dev.promptbench.prompt.Prompt;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.prompt.PromptSource;

/** The first {@code limit} prompts of a source (for warm-up requests). */
public final class LimitedSource implements PromptSource {
    private final PromptSource source;
    private int left;

    public LimitedSource(PromptSource source, int limit) {
        this.source = source;
        this.left = limit;
    }

    @Override
    public synchronized Prompt next() throws PromptFileException {
        if (left <= 0) return null;
        left--;
        return source.next();
    }

    @Override
    public void close() {
        source.close();
    }
}
