package dev.promptbench.run;

import dev.promptbench.prompt.Prompt;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.prompt.PromptSource;
import java.util.BitSet;

/** A prompt source that passes over prompts already done (by index), for {@code --resume}. */
public final class SkippingSource implements PromptSource {
    private final PromptSource source;
    private final BitSet done;

    public SkippingSource(PromptSource source, BitSet done) {
        this.source = source;
        this.done = done;
    }

    @Override
    public synchronized Prompt next() throws PromptFileException {
        Prompt prompt;
        do {
            prompt = source.next();
        } while (prompt != null && done.get(prompt.index()));
        return prompt;
    }

    @Override
    public void close() {
        source.close();
    }
}
