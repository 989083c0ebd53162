package dev.promptbench.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * A round of {@code --retry-failed}: the input lines of the failed and expired prompts, copied from the
 * part files they were first sent in (so the bodies are the same bytes), as new waiting parts.
 */
final class RetryRound {
    private RetryRound() {}

    static BatchState add(BatchState state, StateFile stateFile, BitSet retry, Map<String, Integer> ids,
                          BatchLimits limits) throws IOException {
        Path dir = stateFile.partsDir(state);
        int round = state.retryRounds() + 1;
        int next = state.parts().stream().mapToInt(BatchPart::number).max().orElse(0) + 1;
        BitSet taken = new BitSet();
        List<PartWriter.Written> written;
        try (PartWriter parts = new PartWriter(dir, limits, round, next)) {
            for (BatchPart part : state.parts()) {
                if (part.round() != 0) continue;
                try (BufferedReader reader = Files.newBufferedReader(dir.resolve(part.file()), StandardCharsets.UTF_8)) {
                    String text;
                    while ((text = reader.readLine()) != null) {
                        if (text.isBlank()) continue;
                        byte[] line = text.getBytes(StandardCharsets.UTF_8);
                        String id = InputLines.customId(line);
                        Integer index = id == null ? null : ids.get(id);
                        if (index == null || !retry.get(index) || taken.get(index)) continue;
                        taken.set(index);
                        parts.add(line, id);
                    }
                }
            }
            parts.close();
            written = parts.parts();
        }
        List<BatchPart> all = new ArrayList<>(state.parts());
        for (PartWriter.Written w : written) {
            all.add(BatchPart.written(w, round));
        }
        return state.withParts(all, round);
    }
}
