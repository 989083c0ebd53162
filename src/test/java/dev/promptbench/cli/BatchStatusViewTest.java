package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptbench.batch.BatchJob;
import dev.promptbench.batch.BatchPart;
import dev.promptbench.batch.BatchState;
import dev.promptbench.batch.BatchStatus;
import dev.promptbench.results.RequestCounts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status table keeps its columns under their headings whatever the length of the batch ids. */
class BatchStatusViewTest {

    @Test
    void longAzureBatchIdsKeepTheColumnsAligned() {
        String azureId = "batch_6caaf24d-54a5-46be-b1b7-518884fcbdde";
        BatchJob job = new BatchJob(azureId, BatchStatus.IN_PROGRESS, "InProgress",
                new BatchJob.Files("file-1", null, null), new RequestCounts(10, 4, 1), null, null, null, null);
        BatchPart running = new BatchPart(1, 0, new BatchPart.Lines("part-0001.jsonl", 10, 100), "file-1", azureId,
                null, job, null);
        BatchPart waiting = new BatchPart(2, 0, new BatchPart.Lines("part-0002.jsonl", 5, 50), null, null, null, null,
                null);
        BatchState state = new BatchState(BatchState.SCHEMA_VERSION, "0", "2026-12-03T09:00:00Z",
                new BatchState.Input("p.txt", null, 15, null, "user", null),
                new BatchState.Target("azure", "https://x/openai/v1/chat/completions", "d", "/chat/completions"), "p",
                0, List.of(running, waiting), null);
        StringWriter text = new StringWriter();

        BatchStatusView.table(state, new PrintWriter(text));

        String[] lines = text.toString().split("\n");
        int status = lines[0].indexOf("status");
        assertEquals("in_progress", lines[1].substring(status, status + "in_progress".length()), text.toString());
        assertEquals("waiting", lines[2].substring(status, status + "waiting".length()), text.toString());
    }
}
