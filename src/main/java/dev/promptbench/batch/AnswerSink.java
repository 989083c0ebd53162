package dev.promptbench.batch;

import dev.promptbench.prompt.Prompt;
import dev.promptbench.results.BatchRequest;
import java.io.IOException;

/** Receives each prompt's final result in input order (the {@code --answers} file). */
@FunctionalInterface
public interface AnswerSink {
    void accept(Prompt prompt, BatchRequest result) throws IOException;

    AnswerSink NONE = (prompt, result) -> {};
}
