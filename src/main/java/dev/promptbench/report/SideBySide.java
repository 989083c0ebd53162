package dev.promptbench.report;

import dev.promptbench.results.EndpointInfo;
import dev.promptbench.results.RunConfig;
import dev.promptbench.results.RunHeader;
import dev.promptbench.results.request.Mode;
import dev.promptbench.stats.ModeResults;
import dev.promptbench.stats.ModeSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;

/**
 * Several runs side by side (typically an online run and a Batch API run of the same prompts): each
 * file's report as {@code report} builds it, one column per run and mode, and each later run's headline
 * mode against the first run's, only where that is fair.
 *
 * @param runs       each file's report, in the order given
 * @param columns    one per run and mode, in that order
 * @param comparison each later run against the first one
 */
public record SideBySide(List<Run> runs, List<Column> columns, List<Versus> comparison) {

    public SideBySide {
        runs = List.copyOf(runs);
        columns = List.copyOf(columns);
        comparison = List.copyOf(comparison);
    }

    /**
     * One results file.
     *
     * @param name   how columns name it: the file's name, or its path when two files share a name
     */
    public record Run(String name, RebuiltReport rebuilt) {
        public RunReport report() { return rebuilt.report(); }

        /** The mode a comparison takes: parallel when it ran, else the first mode. */
        public Mode headline() {
            return report().modes().containsKey(Mode.PARALLEL) ? Mode.PARALLEL
                    : report().modes().keySet().iterator().next();
        }
    }

    /** One mode of one run: a column of the table. */
    public record Column(Run run, Mode mode, ModeResults results) {
        public String name() { return run.name(); }
    }

    /**
     * A later run's headline mode against the first run's: each ratio is the later figure over the first's,
     * or null when withheld.
     *
     * @param withheld     why nothing is compared (different prompts or settings), or null when the runs are
     *                     comparable
     * @param wallWithheld why wall and throughput are not compared, or null
     * @param costWithheld why cost is not compared, or null
     */
    public record Versus(Column baseline, Column other, Double wallRatio, Double requestsPerSRatio,
                         Double costPer1kRatio, String withheld, String wallWithheld, String costWithheld) {}

    /** The runs of {@code files}, each rebuilt as {@code report} rebuilds one. */
    public static SideBySide of(List<Path> files, List<RebuiltReport> rebuilt) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).getFileName().toString();
            boolean shared = false;
            for (int j = 0; j < files.size(); j++) {
                shared |= j != i && files.get(j).getFileName().toString().equals(name);
            }
            runs.add(new Run(shared ? files.get(i).toString() : name, rebuilt.get(i)));
        }
        List<Column> columns = new ArrayList<>();
        for (Run run : runs) run.report().modes().forEach((mode, results) -> columns.add(new Column(run, mode, results)));
        List<Versus> comparison = new ArrayList<>();
        Column baseline = column(columns, runs.get(0));
        for (Run run : runs.subList(1, runs.size())) comparison.add(versus(baseline, column(columns, run)));
        return new SideBySide(runs, columns, comparison);
    }

    private static Column column(List<Column> columns, Run run) {
        return columns.stream().filter(c -> c.run() == run && c.mode() == run.headline()).findFirst().orElseThrow();
    }

    private static Versus versus(Column baseline, Column other) {
        String unfair = unfair(baseline.run(), other.run());
        if (unfair != null) return new Versus(baseline, other, null, null, null, unfair, unfair, unfair);
        ModeSummary a = baseline.results().headline();
        ModeSummary b = other.results().headline();
        String wallWithheld = null;
        if (!answered(a) || !answered(b)) {
            wallWithheld = "no prompt of " + (!answered(a) ? label(baseline) : label(other)) + " succeeded";
        } else if (a.errors() != b.errors() || a.notRun() != b.notRun()) {
            wallWithheld = String.format(Locale.ROOT, "the runs ended with different %s (%s %d, %s %d)",
                    a.errors() != b.errors() ? "error counts" : "counts of prompts not run", label(baseline),
                    a.errors() != b.errors() ? a.errors() : a.notRun(), label(other),
                    a.errors() != b.errors() ? b.errors() : b.notRun());
        } else if (baseline.results().wallMs().median() <= 0 || a.requestsPerS() <= 0) {
            wallWithheld = label(baseline) + " took no time";
        }
        Double costA = a.billing().costPer1k();
        Double costB = b.billing().costPer1k();
        String costWithheld = costA == null || costB == null
                ? "the cost of " + (costA == null ? label(baseline) : label(other)) + " is not known"
                : costA == 0 ? label(baseline) + " cost nothing" : null;
        return new Versus(baseline, other,
                wallWithheld == null ? other.results().wallMs().median() / baseline.results().wallMs().median() : null,
                wallWithheld == null ? b.requestsPerS() / a.requestsPerS() : null,
                costWithheld == null ? costB / costA : null, null, wallWithheld, costWithheld);
    }

    /** "batch.jsonl batch". */
    static String label(Column column) {
        return column.name() + " " + column.mode().wireName();
    }

    private static boolean answered(ModeSummary s) {
        return s.ok() + s.filtered() > 0;
    }

    /**
     * Why two runs cannot be compared (different prompts, request settings or model), or null when they can.
     * A figure one file does not record is not held against it.
     */
    static String unfair(Run first, Run other) {
        RunHeader a = first.rebuilt().header();
        RunHeader b = other.rebuilt().header();
        RunHeader.Prompts p = a.prompts();
        RunHeader.Prompts q = b.prompts();
        if (p.sha256() != null && q.sha256() != null && !p.sha256().equals(q.sha256())) {
            return "the prompt files differ (" + p.file() + ", " + q.file() + ")";
        }
        if (p.count() != q.count()) {
            return "the runs have different numbers of prompts (" + p.count() + ", " + q.count() + ")";
        }
        List<String> differ = new ArrayList<>();
        RunConfig x = first.report().config();
        RunConfig y = other.report().config();
        if (x != null && y != null) {
            RunConfig.Sampling s = x.sampling();
            RunConfig.Sampling t = y.sampling();
            setting(differ, "max_tokens", s.maxTokens(), t.maxTokens());
            setting(differ, "temperature", s.temperature(), t.temperature());
            setting(differ, "top_p", s.topP(), t.topP());
            setting(differ, "seed", s.seed(), t.seed());
        }
        // What was asked of the service, as the headers record it by flag; a flag a file does not record (older
        // files, batch files) counts as its default, which is what such a run sent.
        for (Map.Entry<String, String> flag : REQUEST_FLAGS.entrySet()) {
            String was = recorded(a.settings(), flag), now = recorded(b.settings(), flag);
            if (was != null && now != null) setting(differ, flag.getKey(), was, now);
        }
        // The built-in simulator's knobs make the service: two runs set up differently ran against two services.
        for (Map.Entry<String, String> knob : a.settings().entrySet()) {
            String now = b.settings().get(knob.getKey());
            if (knob.getKey().startsWith("--sim-") && now != null) setting(differ, knob.getKey(), knob.getValue(), now);
        }
        EndpointInfo e = first.report().endpoint();
        EndpointInfo f = other.report().endpoint();
        if (e != null && f != null && e.model() != null && f.model() != null) setting(differ, "model", e.model(), f.model());
        return differ.isEmpty() ? null : "the runs were sent with different settings (" + String.join(", ", differ) + ")";
    }

    /**
     * The request settings beside those in the config, by flag, with what a file that does not record one
     * sent (null: not compared when absent). The thread count, mode and rate are what a comparison is for.
     */
    private static final Map<String, String> REQUEST_FLAGS = requestFlags();

    private static Map<String, String> requestFlags() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("--api", "chat");
        flags.put("--stream", null);
        flags.put("--service-tier", "none");
        flags.put("--extra-body", "none");
        flags.put("--role", "user");
        flags.put("--system", "none");
        flags.put("--cache-bust", "false");
        return Collections.unmodifiableMap(flags);
    }

    /** A file's value of a request flag; an empty body is no body (older files wrote {@code {}}). */
    private static String recorded(Map<String, String> settings, Map.Entry<String, String> flag) {
        if (settings.isEmpty()) return flag.getKey().equals("--stream") ? null : flag.getValue();
        String value = settings.getOrDefault(flag.getKey(), flag.getValue());
        return "{}".equals(value) ? "none" : value;
    }

    private static void setting(List<String> differ, String name, Object a, Object b) {
        if (!Objects.equals(a, b)) differ.add(name + " " + (a == null ? "-" : a) + " vs " + (b == null ? "-" : b));
    }
}
