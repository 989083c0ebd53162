package dev.promptbench.run;

import dev.promptbench.prompt.Prompt;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.prompt.PromptSource;

/**
 * The prompts of a file, over and over, until {@code count} were given: a sweep step needs enough
 * requests to measure even when the file is short. Each prompt gets a running index; repeats of a
 * prompt get ids like {@code line-3#2}.
 */
public final class CyclingSource implements PromptSource {
    /** Opens a fresh pass over the file. */
    @FunctionalInterface
    public interface Opener {
        PromptSource open() throws PromptFileException;
    }

    private final Opener opener;
    private final int count;
    private PromptSource current;
    private int given;
    private int pass = 1;

    public CyclingSource(Opener opener, int count) {
        this.opener = opener;
        this.count = count;
    }

    @Override
    public synchronized Prompt next() throws PromptFileException {
        if (given >= count) return null;
        if (current == null) current = opener.open();
        Prompt prompt = current.next();
        if (prompt == null) {
            current.close();
            current = opener.open();
            pass++;
            prompt = current.next();
            if (prompt == null) return null;
        }
        String id = pass == 1 ? prompt.id() : prompt.id() + "#" + pass;
        return new Prompt(given++, id, prompt.messages(), prompt.fields());
    }

    @Override
    public synchronized void close() {
        if (current != null) current.close();
    }
}
