package dev.promptbench.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Everything a later {@code batch status|fetch|cancel} needs to pick a submission up: the prompt file
 * it came from, the endpoint, and every part with its file and batch ids.
 *
 * @param submittedAt      when the submission started (ISO-8601)
 * @param promptFile       the prompt file as given
 * @param promptFileSha256 its SHA-256, so a changed file is caught before joining answers to it
 * @param template         the {@code --template} file, or null
 * @param endpointKind     azure, openai or simulator
 * @param endpointUrl      the chat-completions URL without its query (never a key)
 * @param target           deployment or model
 * @param lineUrl          the input lines' url
 * @param partsDir         folder of the part files, relative to the state file's folder
 * @param retryRounds      rounds of resubmission done so far
 * @param settings         the request settings the lines were sent with, or null in a state file written
 *                         before they were kept
 */
public record BatchState(int schemaVersion, String promptbenchVersion, String submittedAt, String promptFile,
                         String promptFileSha256, int prompts, String template, String role, String system,
                         String endpointKind, String endpointUrl, String target, String lineUrl, String partsDir,
                         int retryRounds, List<BatchPart> parts, BatchSettings settings) {
    public static final int SCHEMA_VERSION = 1;

    public BatchState {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

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
        return new BatchState(schemaVersion, promptbenchVersion, submittedAt, promptFile, promptFileSha256, prompts,
                template, role, system, endpointKind, endpointUrl, target, lineUrl, partsDir, rounds, list, settings);
    }

    public BatchState mapParts(UnaryOperator<BatchPart> change) {
        return withParts(parts.stream().map(change).toList(), retryRounds);
    }
}
