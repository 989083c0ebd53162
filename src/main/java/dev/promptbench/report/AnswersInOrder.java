package dev.promptbench.report;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.promptbench.prompt.Prompt;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.prompt.PromptSource;
import dev.promptbench.results.RecordHandler;
import dev.promptbench.results.ResultsFileException;
import dev.promptbench.results.ResultsReader;
import dev.promptbench.results.request.RequestResult;
import dev.promptbench.results.request.RequestStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Puts the answers of a run, which finish in any order, back in input order for the {@code --answers}
 * file: each result is spilled to disk as it comes (a later one for the same prompt, a retry or a later
 * mode, replaces it), and only an offset per prompt stays in memory.
 */
public final class AnswersInOrder implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SpillFile spill;
    private final long[] offsets;

    public AnswersInOrder(Path spillDir, int prompts) throws IOException {
        this.spill = new SpillFile(spillDir);
        this.offsets = new long[prompts];
        Arrays.fill(offsets, -1);
    }

    /** Keeps one request's outcome (warm-up requests are not prompts' answers and are skipped). */
    public synchronized void accept(RequestResult r) {
        if (r.warmup() || r.index() < 0 || r.index() >= offsets.length) return;
        // A later pass cut short by Ctrl-C does not hide an answer an earlier pass got.
        if (r.status() == RequestStatus.NOT_RUN && offsets[r.index()] >= 0) return;
        AnswerRow row = new AnswerRow(r.index(), r.promptId(), null, r.status().wireName(), r.answer(),
                r.usage() == null ? null : r.usage().promptTokens(),
                r.usage() == null ? null : r.usage().completionTokens(), r.finishReason(),
                r.error() == null ? null : r.error().message());
        try {
            offsets[r.index()] = spill.append(JSON.writeValueAsBytes(row));
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep an answer for --answers", e);
        }
    }

    /**
     * Keeps the answers an earlier session of a resumed run recorded in its results file, so the rows of
     * the prompts this session does not send again are not lost; this session's results replace them.
     */
    public void keepEarlier(Path resultsFile) throws IOException, ResultsFileException {
        ResultsReader.read(resultsFile, new RecordHandler() {
            @Override
            public void request(RequestResult request) {
                accept(request);
            }
        });
    }

    /** Writes one row per prompt of {@code prompts}, in their order; a prompt never answered is not_run. */
    public synchronized void writeTo(AnswersFile file, PromptSource prompts) throws IOException, PromptFileException {
        for (Prompt prompt = prompts.next(); prompt != null; prompt = prompts.next()) {
            long at = prompt.index() < offsets.length ? offsets[prompt.index()] : -1;
            AnswerRow kept = at < 0 ? null : JSON.readValue(spill.read(at), AnswerRow.class);
            file.write(kept == null
                    ? new AnswerRow(prompt.index(), prompt.id(), AnswersFile.promptText(prompt), "not_run", null, null,
                            null, null, null)
                    : new AnswerRow(kept.index(), kept.id(), AnswersFile.promptText(prompt), kept.status(),
                            kept.answer(), kept.promptTokens(), kept.completionTokens(), kept.finishReason(),
                            kept.error()));
        }
    }

    @Override
    public void close() throws IOException {
        spill.close();
    }
}
