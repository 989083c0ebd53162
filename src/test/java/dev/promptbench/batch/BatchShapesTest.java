package dev.promptbench.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptbench.results.RequestCounts;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The file and batch objects of both services, read from recorded examples. */
class BatchShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode recorded(String name) throws Exception {
        try (InputStream in = BatchShapesTest.class.getResourceAsStream("/batch/" + name)) {
            return JSON.readTree(in);
        }
    }

    @Test
    void openAiCompletedBatch() throws Exception {
        BatchJob job = BatchJob.from(recorded("openai-batch-completed.json"));
        assertEquals("batch_abc123", job.id());
        assertEquals(BatchStatus.COMPLETED, job.status());
        assertEquals("file-out123", job.files().outputFileId());
        assertEquals("file-err123", job.files().errorFileId());
        assertEquals(new RequestCounts(3, 2, 1), job.counts());
        assertEquals(1764740120L, job.times().endedAt());
        assertTrue(job.errors().isEmpty());
    }

    /** openai-python types/batch.py: batches made since September 2025 also carry model and usage (batch_usage.py). */
    @Test
    void openAiBatchWithModelAndUsage() throws Exception {
        BatchJob job = BatchJob.from(recorded("openai-batch-completed-usage.json"));
        assertEquals(BatchStatus.COMPLETED, job.status());
        assertEquals("gpt-4o-mini-2024-07-18", job.model());
        assertEquals(new BatchUsage(22L, 5L, 27L), job.usage());
        assertNull(BatchJob.from(recorded("openai-batch-completed.json")).usage(), "not reported: unknown");
    }

    @Test
    void azureValidatingWithCapitalStatusEmptyFileIdsAndNullEndpoint() throws Exception {
        BatchJob job = BatchJob.from(recorded("azure-batch-validating.json"));
        assertEquals(BatchStatus.VALIDATING, job.status());
        assertEquals("Validating", job.rawStatus());
        assertNull(job.files().outputFileId(), "\"\" is no file");
        assertNull(job.files().errorFileId(), "\"\" is no file");
        assertFalse(job.status().ended());
    }

    @Test
    void azureFailedValidationWithOneErrorObjectAndLineAsString() throws Exception {
        BatchJob job = BatchJob.from(recorded("azure-batch-failed-validation.json"));
        assertEquals(BatchStatus.FAILED, job.status());
        assertEquals(1, job.errors().size());
        assertEquals(2, job.errors().get(0).line());
        assertEquals("line 2: invalid_json_line: A line in the input file is not valid JSON.",
                job.errors().get(0).describe());
    }

    @Test
    void tokenLimitFailureIsRecognised() throws Exception {
        BatchJob job = BatchJob.from(recorded("azure-batch-token-limit.json"));
        assertTrue(job.hasError("token_limit_exceeded"));
        assertNull(job.errors().get(0).line());
    }

    @Test
    void statusesInAnySpelling() {
        assertEquals(BatchStatus.IN_PROGRESS, BatchStatus.parse("InProgress"));
        assertEquals(BatchStatus.IN_PROGRESS, BatchStatus.parse("in_progress"));
        assertEquals(BatchStatus.COMPLETED, BatchStatus.parse("Completed"));
        assertEquals(BatchStatus.CANCELLING, BatchStatus.parse("CANCELLING"));
        assertEquals(BatchStatus.UNKNOWN, BatchStatus.parse("paused"));
        assertFalse(BatchStatus.UNKNOWN.ended());
    }

    @Test
    void filesReadyWhenProcessedOrUploaded() throws Exception {
        assertTrue(UploadedFile.from(recorded("openai-file.json")).ready());
        UploadedFile pending = UploadedFile.from(recorded("azure-file-pending.json"));
        assertFalse(pending.ready());
        assertFalse(pending.failed());
        assertTrue(new UploadedFile("f", "Processed", null).ready());
        assertTrue(new UploadedFile("f", "error", "bad").failed());
    }
}
