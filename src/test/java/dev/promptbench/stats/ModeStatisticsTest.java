package dev.promptbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.promptbench.results.request.Attempts;
import dev.promptbench.results.request.Mode;
import dev.promptbench.results.request.Reply;
import dev.promptbench.results.request.RequestError;
import dev.promptbench.results.request.RequestKey;
import dev.promptbench.results.request.RequestResult;
import dev.promptbench.results.request.RequestStatus;
import dev.promptbench.results.request.RequestTimes;
import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.results.request.StreamMetrics;
import dev.promptbench.results.request.Usage;
import dev.promptbench.run.Plan;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModeStatisticsTest {
    private static final long MS = 1_000_000L;

    private static RequestResult ok(Mode mode, int index, long latencyMs, int prompt, int completion) {
        return new RequestResult(new RequestKey(mode, 0, index, "line-" + (index + 1), false),
                new Reply(RequestStatus.OK, "stop", 200, null, null, null, "a"), Attempts.FIRST,
                new RequestTimes(0, 0, latencyMs * MS, latencyMs * MS), new Usage(prompt, completion), null, null, 0,
                "default");
    }

    private static RequestResult error(Mode mode, int index, String kind) {
        return new RequestResult(new RequestKey(mode, 0, index, "line-" + (index + 1), false),
                new Reply(RequestStatus.ERROR, null, 500, new RequestError(kind, null, "boom"), null, null, null),
                Attempts.FIRST, new RequestTimes(0, 0, 50 * MS, 50 * MS), null, null, null, 0, "default");
    }

    @Test
    void countsStatusesTokensAndPercentilesOverSuccessesOnly() {
        ModeStatistics stats = new Plan.Sequential().statistics(0);
        for (int i = 0; i < 100; i++) stats.accept(ok(Mode.SEQUENTIAL, i, i + 1, 10, 20));
        stats.accept(error(Mode.SEQUENTIAL, 100, "server_error"));
        stats.accept(error(Mode.SEQUENTIAL, 101, "server_error"));
        stats.accept(error(Mode.SEQUENTIAL, 102, "timeout"));
        stats.accept(RequestResult.notRun(new RequestKey(Mode.SEQUENTIAL, 0, 103, "line-104", false), "default"));

        ModeSummary summary = stats.finish(10_000 * MS);

        assertEquals(104, summary.requests());
        assertEquals(100, summary.ok());
        assertEquals(3, summary.errors());
        assertEquals(1, summary.notRun());
        assertEquals(Map.of("server_error", 2L, "timeout", 1L), summary.errorsByKind());
        assertEquals(1000L, summary.tokens().prompt());
        assertEquals(2000L, summary.tokens().completion());
        assertEquals(200.0, summary.tokens().completionPerS(), 1e-9);
        assertEquals(10.3, summary.requestsPerS(), 1e-9); // 103 ran in 10 s
        assertEquals(50.0, summary.latency().p50(), 0.1);
        assertEquals(95.0, summary.latency().p95(), 0.1);
        assertEquals(100.0, summary.latency().max(), 0.1);
        assertNull(summary.lowerBoundMs(), "sequential has no lower bound");
    }

    @Test
    void answersWithoutUsageLeaveTokensUnknownNeverZero() {
        ModeStatistics none = new Plan.Sequential().statistics(0);
        for (int i = 0; i < 3; i++) none.accept(withoutUsage(ok(Mode.SEQUENTIAL, i, 10, 0, 0)));
        ModeSummary.Tokens unknown = none.finish(1_000 * MS).tokens();
        assertNull(unknown.prompt());
        assertNull(unknown.completion());
        assertNull(unknown.completionPerS());
        assertEquals(3, unknown.withoutUsage());

        ModeStatistics some = new Plan.Sequential().statistics(0);
        some.accept(ok(Mode.SEQUENTIAL, 0, 10, 5, 7));
        some.accept(withoutUsage(ok(Mode.SEQUENTIAL, 1, 10, 0, 0)));
        some.accept(error(Mode.SEQUENTIAL, 2, "server_error"));
        ModeSummary.Tokens partly = some.finish(1_000 * MS).tokens();
        assertEquals(5L, partly.prompt());
        assertEquals(7L, partly.completion());
        assertEquals(1, partly.withoutUsage(), "an error is not an answer without usage");
    }

    @Test
    void theServedTierOfAnAnswerWithoutUsageIsCounted() {
        ModeStatistics stats = new Plan.Sequential().statistics(0);
        RequestResult answered = withoutUsage(ok(Mode.SEQUENTIAL, 0, 10, 0, 0));
        Reply r = answered.reply();
        stats.accept(new RequestResult(answered.key(), new Reply(r.status(), r.finishReason(), r.httpStatus(),
                r.error(), r.requestId(), r.model(), r.answer(), r.rateLimits(), ServiceTier.FLEX),
                answered.attempts(), answered.times(), null, null, null, 0, "default"));

        assertEquals(Map.of("flex", 1L), stats.finish(1_000 * MS).billing().servedTiers());
    }

    @Test
    void refusalsAreOkAnswersCountedApart() {
        ModeStatistics stats = new Plan.Sequential().statistics(0);
        RequestResult plain = ok(Mode.SEQUENTIAL, 0, 10, 5, 7);
        Reply r = plain.reply();
        stats.accept(plain);
        stats.accept(new RequestResult(new RequestKey(Mode.SEQUENTIAL, 0, 1, "line-2", false),
                new Reply(r.status(), r.finishReason(), r.httpStatus(), null, null, null, "", null, null, "No."),
                plain.attempts(), plain.times(), plain.usage(), null, null, 0, "default"));

        ModeSummary summary = stats.finish(1_000 * MS);

        assertEquals(2, summary.ok());
        assertEquals(1L, summary.refused());
    }

    @Test
    void timeToFirstReasoningIsAPercentileOverTheStreamsThatShowedReasoningOnly() {
        ModeStatistics stats = new Plan.Sequential().statistics(0);
        stats.accept(streamed(ok(Mode.SEQUENTIAL, 0, 100, 5, 7), new StreamMetrics(60 * MS, 90 * MS, 3, MS, MS, 7,
                false, 40 * MS)));
        stats.accept(streamed(ok(Mode.SEQUENTIAL, 1, 100, 5, 7), new StreamMetrics(30 * MS, 90 * MS, 3, MS, MS, 7,
                false)));
        ModeSummary summary = stats.finish(1_000 * MS);

        assertEquals(1, summary.stream().firstReasoning().count(), "the stream without reasoning is left out");
        assertEquals(40.0, summary.stream().firstReasoning().p50(), 0.1);
        assertEquals(2, summary.stream().ttft().count());
        assertEquals(true, summary.histograms().containsKey("first_reasoning_us"));

        ModeStatistics none = new Plan.Sequential().statistics(0);
        none.accept(streamed(ok(Mode.SEQUENTIAL, 0, 100, 5, 7), new StreamMetrics(30 * MS, 90 * MS, 3, MS, MS, 7,
                false)));
        ModeSummary plain = none.finish(1_000 * MS);
        assertNull(plain.stream().firstReasoning(), "no stream showed reasoning: absent, not 0");
        assertEquals(false, plain.histograms().containsKey("first_reasoning_us"));
    }

    private static RequestResult streamed(RequestResult r, StreamMetrics stream) {
        return new RequestResult(r.key(), r.reply(), r.attempts(), r.times(), r.usage(), stream, null, 0, "default");
    }

    private static RequestResult withoutUsage(RequestResult r) {
        return new RequestResult(r.key(), r.reply(), r.attempts(), r.times(), null, r.stream(), r.connection(),
                r.lane(), r.endpoint());
    }

    @Test
    void parallelLowerBoundReplaysServiceTimesIncludingErrors() {
        ModeStatistics stats = new Plan.Parallel(2).statistics(0);
        // Arrive out of order; submission order is index order: 100, 100, 100, 100 (one an error).
        stats.accept(ok(Mode.PARALLEL, 2, 100, 1, 1));
        stats.accept(ok(Mode.PARALLEL, 0, 100, 1, 1));
        stats.accept(new RequestResult(new RequestKey(Mode.PARALLEL, 0, 3, "line-4", false),
                new Reply(RequestStatus.ERROR, null, 500, new RequestError("server_error", null, "x"), null, null, null),
                Attempts.FIRST, new RequestTimes(0, 0, 100 * MS, 100 * MS), null, null, null, 1, "default"));
        stats.accept(ok(Mode.PARALLEL, 1, 100, 1, 1));

        ModeSummary summary = stats.finish(250 * MS);

        assertEquals(200.0, summary.lowerBoundMs(), 1e-9);
        assertEquals(0.8, summary.efficiency(), 1e-9);
    }

    @Test
    void noSuccessMeansNoPercentiles() {
        ModeStatistics stats = new Plan.Sequential().statistics(0);
        stats.accept(error(Mode.SEQUENTIAL, 0, "timeout"));
        assertNull(stats.finish(MS).latency());
    }

    @Test
    void ignoresOtherModesRecords() {
        ModeStatistics stats = new Plan.Parallel(4).statistics(0);
        stats.accept(ok(Mode.SEQUENTIAL, 0, 10, 1, 1));
        ModeSummary summary = stats.finish(MS);
        assertEquals(0, summary.requests());
        assertNotNull(summary.errorsByKind());
    }

    @Test
    void speedupIsWithheldWhenErrorCountsDiffer() {
        ModeStatistics seq = new Plan.Sequential().statistics(0);
        ModeStatistics par = new Plan.Parallel(2).statistics(0);
        seq.accept(ok(Mode.SEQUENTIAL, 0, 10, 1, 1));
        par.accept(error(Mode.PARALLEL, 0, "timeout"));
        Comparison comparison = Comparison.of(seq.finish(400 * MS), par.finish(100 * MS));
        assertNull(comparison.speedup());

        ModeStatistics seq2 = new Plan.Sequential().statistics(0);
        ModeStatistics par2 = new Plan.Parallel(2).statistics(0);
        seq2.accept(ok(Mode.SEQUENTIAL, 0, 10, 1, 1));
        par2.accept(ok(Mode.PARALLEL, 0, 10, 1, 1));
        assertEquals(4.0, Comparison.of(seq2.finish(400 * MS), par2.finish(100 * MS)).speedup(), 1e-9);
    }
}
