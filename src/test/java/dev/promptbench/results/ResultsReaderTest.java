package dev.promptbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.results.request.Attempts;
import dev.promptbench.results.request.Mode;
import dev.promptbench.results.request.RateLimitHeaders;
import dev.promptbench.results.request.Reply;
import dev.promptbench.results.request.RequestKey;
import dev.promptbench.results.request.RequestResult;
import dev.promptbench.results.request.RequestStatus;
import dev.promptbench.results.request.RequestTimes;
import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.results.request.ThrottleCause;
import dev.promptbench.results.request.ThrottleCounts;
import dev.promptbench.results.request.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one reader: typed records, blank and cut lines, unknown keys and types, the schema version. */
class ResultsReaderTest {
    private static final String HEADER = "{\"type\":\"run\",\"schema_version\":1,\"prompts\":2,"
            + "\"endpoints\":[{\"name\":\"sim\",\"kind\":\"simulator\"}],\"config\":{\"mode\":\"parallel\",\"threads\":2}}";
    private static final String REQUEST = "{\"type\":\"request\",\"mode\":\"parallel\",\"repeat\":0,\"index\":%d,"
            + "\"id\":\"line-%d\",\"status\":\"ok\",\"attempts\":1,\"start_offset_ms\":1.5,\"end_offset_ms\":101.25,"
            + "\"latency_ms\":99.75,\"queue_ms\":0,\"tokens\":{\"prompt\":3,\"completion\":7},\"lane\":0,"
            + "\"future_key\":{\"x\":[1,2]}}";

    @TempDir
    Path dir;

    /** Collects the requests a pass hands over. */
    private static final class Requests implements RecordHandler {
        final List<RequestResult> all = new ArrayList<>();
        RunHeader header;

        @Override
        public void header(RunHeader h) {
            header = h;
        }

        @Override
        public void request(RequestResult r) {
            all.add(r);
        }
    }

    private Path file(String text) throws Exception {
        Path file = dir.resolve("r.jsonl");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsTypedRecordsSkippingBlankLinesUnknownKeysAndTypes() throws Exception {
        Requests requests = new Requests();
        ResultsReader.End end = ResultsReader.read(file(HEADER + "\r\n\n  \n" + REQUEST.formatted(0, 1)
                + "\n{\"type\":\"from_the_future\",\"n\":1}\n{\"status\":\"ok\",\"type\":\"request\",\"mode\":\"parallel\","
                + "\"index\":1,\"latency_ms\":2.5}\n"), requests);
        assertEquals("simulator", requests.header.endpoint().kind());
        assertEquals(2, requests.all.size());
        RequestResult first = requests.all.get(0);
        assertEquals(99_750_000L, first.times().latencyNanos());
        assertEquals(1_500_000L, first.times().startOffsetNanos());
        assertEquals(7, first.usage().completionTokens());
        assertEquals(2_500_000L, requests.all.get(1).times().latencyNanos(), "type need not come first");
        assertEquals(0, end.cutLine());
    }

    @Test
    void reasoningAndCachedTokensTravelThroughTheFileAndTheirAbsenceStaysUnknown() throws Exception {
        Path file = file(HEADER + "\n");
        try (var out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND);
             ResultsWriter writer = ResultsWriter.writingTo(out)) {
            writer.accept(answered(0, new Usage(1500, 300, 256, 1024)));
            writer.accept(answered(1, new Usage(12, 7)));
        }
        Requests requests = new Requests();
        ResultsReader.read(file, requests);

        assertTrue(Files.readString(file).contains("\"tokens\":{\"prompt\":12,\"completion\":7,\"reasoning\":null,"
                + "\"cached\":null}"), "unknown is written as null, not 0");
        assertEquals(new Usage(1500, 300, 256, 1024), requests.all.get(0).usage());
        assertEquals(new Usage(12, 7, null, null), requests.all.get(1).usage());
        assertEquals(new Usage(3, 7, null, null), readOne(REQUEST.formatted(0, 1)).usage(), "an older file");
    }

    @Test
    void causesOf429sAndRateLimitHeadersTravelThroughTheFile() throws Exception {
        Path file = file(HEADER + "\n");
        RateLimitHeaders headers = new RateLimitHeaders(59, 0, 60, 40_000, 1_000L, 6_000L, "gpt-4o-ptu", "429");
        Attempts attempts = new Attempts(4, 2_000_000_000L, 3, 0, new ThrottleCounts(Map.of(ThrottleCause.TOKEN_RATE, 2,
                ThrottleCause.CAPACITY, 1)));
        try (var out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND);
             ResultsWriter writer = ResultsWriter.writingTo(out)) {
            writer.accept(new RequestResult(new RequestKey(Mode.PARALLEL, 0, 0, "p0", false),
                    new Reply(RequestStatus.OK, "stop", 200, null, null, null, "answer", headers), attempts,
                    new RequestTimes(0, 0, 1_000_000, 1_000_000), null, null, null, 0, "sim"));
            writer.accept(answered(1, null));
        }
        Requests requests = new Requests();
        ResultsReader.read(file, requests);

        assertEquals(headers, requests.all.get(0).reply().rateLimits());
        assertEquals(attempts.throttled(), requests.all.get(0).attempts().throttled());
        assertEquals(RateLimitHeaders.NONE, requests.all.get(1).reply().rateLimits());
        assertTrue(!Files.readString(file).lines().skip(2).findFirst().orElseThrow().contains("rate_limits"),
                "nothing said, nothing written");
        RequestResult older = readOne(REQUEST.formatted(0, 1).replace("\"attempts\":1", "\"attempts\":3,\"rate_limited\":2"));
        assertEquals(ThrottleCounts.of(ThrottleCause.UNKNOWN, 2), older.attempts().throttled(),
                "an older file's 429s have no known cause");
    }

    @Test
    void theServedTierTravelsThroughTheFileWithoutTokenCounts() throws Exception {
        Path file = file(HEADER + "\n");
        try (var out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND);
             ResultsWriter writer = ResultsWriter.writingTo(out)) {
            writer.accept(new RequestResult(new RequestKey(Mode.PARALLEL, 0, 0, "p0", false),
                    new Reply(RequestStatus.OK, "stop", 200, null, null, null, "answer", null, ServiceTier.PRIORITY),
                    Attempts.FIRST, new RequestTimes(0, 0, 1_000_000, 1_000_000), null, null, null, 0, "sim"));
            writer.accept(answered(1, new Usage(12, 7)));
        }
        Requests requests = new Requests();
        ResultsReader.read(file, requests);

        assertEquals(ServiceTier.PRIORITY, requests.all.get(0).reply().servedTier());
        assertEquals(null, requests.all.get(0).usage());
        assertEquals(null, requests.all.get(1).reply().servedTier(), "none named, none recorded");
        assertEquals(ServiceTier.FLEX, readOne(REQUEST.formatted(0, 1).replace("\"lane\"",
                "\"service_tier\":\"flex\",\"lane\"")).reply().servedTier(), "a file of the version before");
    }

    @Test
    void aRefusalTravelsThroughTheFileAndItsCountThroughTheSummary() throws Exception {
        Path file = file(HEADER + "\n");
        try (var out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND);
             ResultsWriter writer = ResultsWriter.writingTo(out)) {
            writer.accept(new RequestResult(new RequestKey(Mode.PARALLEL, 0, 0, "p0", false),
                    new Reply(RequestStatus.OK, "stop", 200, null, null, null, "", null, null, "I can't."),
                    Attempts.FIRST, new RequestTimes(0, 0, 1_000_000, 1_000_000), null, null, null, 0, "sim"));
        }
        Requests requests = new Requests();
        ResultsReader.read(file, requests);

        assertEquals("I can't.", requests.all.get(0).reply().refusal());
        assertEquals(null, readOne(REQUEST.formatted(0, 1)).reply().refusal(), "no refusal, none read");
        dev.promptbench.stats.ModeStatistics stats = new dev.promptbench.stats.ModeStatistics(Mode.PARALLEL, 0, 1, null);
        stats.accept(requests.all.get(0));
        var summary = stats.finish(1_000_000);
        assertEquals(1L, RecordJson.readMode(RecordJson.mode(summary), Mode.PARALLEL, n -> { }).refused());
        var older = RecordJson.mode(summary);
        older.remove("refused");
        assertEquals(null, RecordJson.readMode(older, Mode.PARALLEL, n -> { }).refused(), "an older summary: unknown, not 0");
    }

    private static RequestResult answered(int index, Usage usage) {
        return new RequestResult(new RequestKey(Mode.PARALLEL, 0, index, "p" + index, false),
                new Reply(RequestStatus.OK, "stop", 200, null, null, null, "answer"), Attempts.FIRST,
                new RequestTimes(0, 0, 1_000_000, 1_000_000), usage, null, null, 0, "sim");
    }

    private RequestResult readOne(String line) throws Exception {
        Requests requests = new Requests();
        ResultsReader.read(file(HEADER + "\n" + line + "\n"), requests);
        return requests.all.get(0);
    }

    @Test
    void aLastLineCutShortIsSkippedAndNamed() throws Exception {
        Requests requests = new Requests();
        ResultsReader.End end = ResultsReader.read(file(HEADER + "\n" + REQUEST.formatted(0, 1) + "\n{\"type\":\"req"),
                requests);
        assertEquals(1, requests.all.size());
        assertEquals(3, end.cutLine());
    }

    @Test
    void aCompleteLastLineWithoutNewlineCounts() throws Exception {
        Requests requests = new Requests();
        ResultsReader.End end = ResultsReader.read(file(HEADER + "\n" + REQUEST.formatted(0, 1)), requests);
        assertEquals(1, requests.all.size());
        assertEquals(0, end.cutLine());
    }

    @Test
    void aBrokenLastLineIsTakenAsCutShortEvenWithItsNewline() throws Exception {
        Requests requests = new Requests();
        ResultsReader.End end = ResultsReader.read(file(HEADER + "\n" + REQUEST.formatted(0, 1) + "\n{\"type\":\"re\n\n"),
                requests);
        assertEquals(1, requests.all.size());
        assertEquals(3, end.cutLine());
    }

    @Test
    void aBadLineInTheMiddleIsAnErrorWithItsNumber() throws Exception {
        Path file = file(HEADER + "\n{\"b\":\n" + REQUEST.formatted(0, 1) + "\n");
        ResultsFileException e = assertThrows(ResultsFileException.class,
                () -> ResultsReader.read(file, new Requests()));
        assertTrue(e.getMessage().endsWith("r.jsonl:2: not valid JSON"), e.getMessage());
    }

    @Test
    void aLaterMajorSchemaVersionIsRefusedInOneLine() throws Exception {
        Path file = file(HEADER.replace("\"schema_version\":1", "\"schema_version\":2") + "\n");
        ResultsFileException e = assertThrows(ResultsFileException.class,
                () -> ResultsReader.read(file, new Requests()));
        assertEquals(file + " was written by a newer promptbench (results schema 2, this version reads 1): "
                + "upgrade promptbench to read it", e.getMessage());
    }
}
