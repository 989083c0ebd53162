package dev.promptbench.prompt;

/**
 * A lazy, thread-safe stream of prompts: each call to {@link #next()} hands out the next prompt
 * exactly once, whichever thread asks, and only one line of the file is held at a time.
 */
public interface PromptSource extends AutoCloseable {

    /**
     * Returns the next prompt, or null when there are no more (or the source is closed).
     *
     * @throws PromptFileException if the next line cannot be read or is not a valid prompt
     */
    Prompt next() throws PromptFileException;

    /** Releases the file; later calls to {@link #next()} return null. */
    @Override
    void close();
}
