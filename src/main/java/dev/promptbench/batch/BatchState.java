package dev.promptbench.batch;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.promptbench.results.RequestCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Everything a later {@code batch status|fetch|cancel} needs to pick a submission up: the prompt file
 * it came from, the endpoint, and every part with its file and batch ids. Its two groups are unwrapped in
 * the state file, whose keys stay flat.
 *
 * @param submittedAt  when the submission started (ISO-8601)
 * @param input        the prompt file and how it was read
 * @param endpoint     where the batches were sent
 * @param partsDir     folder of the part files, relative to the state file's folder
 * @param retryRounds  rounds of resubmission done so far
 * @param settings     the request settings the lines were sent with, or null in a state file written
 *                     before they were kept
 */
public record BatchState(int schemaVersion, String promptbenchVersion, String submittedAt,
                         @JsonUnwrapped Input input, @JsonUnwrapped Target endpoint, String partsDir,
                         int retryRounds, List<BatchPart> parts, BatchSettings settings) {
    public static final int SCHEMA_VERSION = 1;

    public BatchState {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    /** The prompt file as given. */
    public String promptFile() { return input.promptFile(); }

    /** Prompts in the file. */
    public int prompts() { return input.prompts(); }

    /** The chat-completions URL the batches were sent to. */
    public String endpointUrl() { return endpoint.endpointUrl(); }

    /** True when every part has ended (completed, failed, expired or cancelled). */
    public boolean ended() {
        return parts.stream().allMatch(p -> p.status().ended());
    }

    /** Lines the service counts as completed, over every part (a part it has not counted yet adds none). */
    public long completed() {
        return counted(RequestCounts::completed);
    }

    /** Lines the service counts as failed, over every part. */
    public long failed() {
        return counted(RequestCounts::failed);
    }

    private long counted(Function<RequestCounts, Integer> count) {
        long total = 0;
        for (BatchPart part : parts) {
            Integer n = part.job() == null ? null : count.apply(part.job().counts());
            if (n != null) total += n;
        }
        return total;
    }

    public BatchState withPart(BatchPart changed) {
        List<BatchPart> list = new ArrayList<>(parts);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).number() == changed.number()) list.set(i, changed);
        }
        return withParts(list, retryRounds);
    }

    public BatchState withParts(List<BatchPart> list, int rounds) {
        return new BatchState(schemaVersion, promptbenchVersion, submittedAt, input, endpoint, partsDir, rounds, list,
                settings);
    }

    public BatchState mapParts(UnaryOperator<BatchPart> change) {
        return withParts(parts.stream().map(change).toList(), retryRounds);
    }

    /**
     * The prompt file a submission was made from, and how it was read.
     *
     * @param promptFile       the prompt file as given
     * @param promptFileSha256 its SHA-256, so a changed file is caught before joining answers to it
     * @param template         the {@code --template} file, or null
     */
    public record Input(String promptFile, String promptFileSha256, int prompts, String template, String role,
                        String system) {}

    /**
     * Where a submission's batches were sent.
     *
     * @param endpointKind azure, openai or simulator
     * @param endpointUrl  the chat-completions URL without its query (never a key)
     * @param target       deployment or model
     * @param lineUrl      the input lines' url
     */
    public record Target(String endpointKind, String endpointUrl, String target, String lineUrl) {}
}
