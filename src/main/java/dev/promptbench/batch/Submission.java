package dev.promptbench.batch;

import dev.promptbench.client.Endpoint;
import dev.promptbench.prompt.PromptFile;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.prompt.PromptSource;
import dev.promptbench.run.RequestSettings;
import dev.promptbench.run.RequestTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes the part files of a new submission and its first state (every part waiting to be created). */
public final class Submission {
    private Submission() {}

    /** What a prompt file was read as: what a later command needs to read it the same way. */
    public record Source(String template, String role, String system) {}

    /**
     * Splits the prompts into part files beside {@code stateFile} and creates the state file.
     *
     * @throws IOException         when the state file exists already, or a part cannot be written
     * @throws PromptFileException when a prompt is bad or an id repeats
     */
    public static BatchState prepare(PromptFile prompts, PromptSource source, Source how, RequestSettings settings,
                                     Endpoint endpoint, BatchLimits limits, StateFile stateFile, String version,
                                     Instant now) throws IOException, PromptFileException {
        BatchTarget target = BatchTarget.of(endpoint);
        String name = stateFile.path().getFileName().toString();
        String partsDir = (name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + ".parts";
        Path dir = stateFile.path().toAbsolutePath().getParent().resolve(partsDir);
        if (java.nio.file.Files.exists(dir)) throw new IOException(dir + " already exists; it is never overwritten");
        List<PartWriter.Written> written = PromptLines.write(source, new RequestTemplate(settings), target, limits, dir,
                prompts.displayName());
        List<BatchPart> parts = new ArrayList<>();
        for (PartWriter.Written w : written) {
            parts.add(BatchPart.written(w, 0));
        }
        if (parts.isEmpty()) throw new PromptFileException(prompts.displayName(), "has no prompts");
        BatchState state = new BatchState(BatchState.SCHEMA_VERSION, version, now.toString(),
                new BatchState.Input(prompts.displayName(), prompts.sha256(), prompts.count(), how.template(),
                        how.role(), how.system()),
                new BatchState.Target(endpoint.kind(), endpoint.displayUrl(), endpoint.target(), target.lineUrl()),
                partsDir, 0, parts, BatchSettings.of(settings));
        stateFile.create(state);
        return state;
    }
}
