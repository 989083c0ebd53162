package dev.promptbench.app;

import dev.promptbench.client.Endpoint;
import dev.promptbench.results.ResultsWriter;
import dev.promptbench.results.request.Mode;
import dev.promptbench.results.request.RequestResult;
import dev.promptbench.results.request.RequestStatus;
import dev.promptbench.results.request.ResultSink;
import dev.promptbench.results.request.ThrottleCause;
import dev.promptbench.stats.ModeSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What rate control has to say after each mode: the adaptive limit's changes (as {@code limit}
 * records in the results file and one line for people), what each token budget has learnt of the
 * service's charges, requests per endpoint when there are several, and a hint when 429s came back and
 * nothing paced the run.
 */
final class RateReport {
    private final RateGates gates;
    private final List<Endpoint> endpoints;
    private final List<String> endpointNames;
    private final LimitLog limits;
    private final boolean severalEndpoints;
    private final boolean paced;

    RateReport(Session session, LimitLog limits) {
        this.gates = session.rates();
        this.endpoints = session.endpoints();
        this.endpointNames = session.endpoints().stream().map(e -> e.name()).toList();
        this.limits = limits;
        this.severalEndpoints = session.endpoints().size() > 1;
        this.paced = session.rates().budgeted() || session.rates().adaptive();
    }

    /** The rate control in force. */
    RateGates gates() {
        return gates;
    }

    /** Starts counting one mode (repeat) whose first request goes out at about {@code startNanos}. */
    Tally startPass(long startNanos) {
        return new Tally(startNanos, endpointNames, gates.adaptiveLimit());
    }

    /**
     * Writes the mode's {@code limit} records and returns the lines to show. Changes made before
     * the mode started (during the canary or warm-up requests) are written at offset 0.
     */
    List<String> finishPass(Mode mode, int repeat, Tally tally, ModeSummary summary, ResultsWriter results) {
        List<String> lines = new ArrayList<>();
        List<LimitLog.Change> changes = limits.drain();
        if (tally.startLimit > 0) {
            // Where the limit stood when the mode began, so a chart's line starts at 0.
            results.writeLimitChange(mode.wireName(), repeat, 0, tally.startLimit, "start");
        }
        if (!changes.isEmpty()) {
            int low = Integer.MAX_VALUE;
            int high = 0;
            for (LimitLog.Change change : changes) {
                double offsetMs = Math.max(0, change.nanoTime() - tally.startNanos) / 1e6;
                results.writeLimitChange(mode.wireName(), repeat, offsetMs, change.limit(), change.reason());
                low = Math.min(low, change.limit());
                high = Math.max(high, change.limit());
            }
            lines.add(mode.wireName() + ": adaptive limit changed " + changes.size()
                    + (changes.size() == 1 ? " time" : " times") + " (between " + low + " and " + high
                    + " in flight), ending at " + changes.get(changes.size() - 1).limit());
        }
        for (Endpoint endpoint : endpoints) {
            String calibration = gates.calibration(endpoint);
            if (calibration != null) {
                lines.add("budget" + (severalEndpoints ? " " + endpoint.name() : "") + ": " + calibration);
            }
        }
        if (severalEndpoints) {
            StringBuilder line = new StringBuilder(mode.wireName()).append(" by endpoint:");
            String separator = " ";
            for (Map.Entry<String, long[]> entry : tally.byEndpoint.entrySet()) {
                long[] c = entry.getValue();
                line.append(separator).append(entry.getKey()).append(' ').append(c[0]).append(" ok, ")
                        .append(c[1]).append(" met 429, ").append(c[2]).append(c[2] == 1 ? " error" : " errors");
                separator = " · ";
            }
            lines.add(line.toString());
        }
        if (summary.rateLimited() > 0 && (!paced || !onlyRateCauses(summary))) {
            lines.add(tally.rateLimitedRequests + (tally.rateLimitedRequests == 1 ? " request was" : " requests were")
                    + " answered 429 (" + throttled(summary) + "): " + advice(summary));
        }
        return lines;
    }

    /** "5 times: 4 token_rate, 1 capacity", or "5 times" when no cause was told. */
    private static String throttled(ModeSummary summary) {
        String times = summary.rateLimited() + (summary.rateLimited() == 1 ? " time" : " times");
        if (summary.rateLimitedBy().keySet().equals(Set.of(ThrottleCause.UNKNOWN.wireName()))) return times;
        StringBuilder causes = new StringBuilder(times).append(": ");
        String separator = "";
        for (Map.Entry<String, Long> cause : summary.rateLimitedBy().entrySet()) {
            causes.append(separator).append(cause.getValue()).append(' ').append(cause.getKey());
            separator = ", ";
        }
        return causes.toString();
    }

    /** What to do about the most frequent cause (pacing for an untold one, as before causes were told). */
    private static String advice(ModeSummary summary) {
        ThrottleCause top = summary.rateLimitedBy().entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> ThrottleCause.named(e.getKey())).orElse(null);
        return top == null || top == ThrottleCause.UNKNOWN ? "try --tpm/--rpm (pace to the quota) or --adaptive"
                : top.wireName() + ": " + top.advice();
    }

    /** True when pacing cures every 429 the mode met: a paced run has nothing to add about those. */
    private static boolean onlyRateCauses(ModeSummary summary) {
        return summary.rateLimitedBy().keySet().stream().map(ThrottleCause::named)
                .allMatch(cause -> cause == null || cause.isRate());
    }

    /** Counts one mode's requests per endpoint: ok, met a 429, errors. Records arrive one at a time. */
    static final class Tally implements ResultSink {
        private final long startNanos;
        private final int startLimit;
        private final Map<String, long[]> byEndpoint = new LinkedHashMap<>();
        private long rateLimitedRequests;

        private Tally(long startNanos, List<String> endpoints, int startLimit) {
            this.startNanos = startNanos;
            this.startLimit = startLimit;
            // In the configured order, whichever answers first.
            endpoints.forEach(name -> byEndpoint.put(name, new long[3]));
        }

        @Override
        public void accept(RequestResult result) {
            if (!result.ran()) return;
            long[] counts = byEndpoint.computeIfAbsent(String.valueOf(result.endpoint()), name -> new long[3]);
            if (result.status() == RequestStatus.OK || result.status() == RequestStatus.FILTERED) counts[0]++;
            if (result.status() == RequestStatus.ERROR) counts[2]++;
            if (result.attempts().rateLimited() > 0) {
                counts[1]++;
                rateLimitedRequests++;
            }
        }
    }
}
