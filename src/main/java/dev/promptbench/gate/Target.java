package dev.promptbench.gate;

import com.fasterxml.jackson.core.JsonPointer;
import dev.promptbench.results.request.Mode;
import dev.promptbench.stats.ModeResults;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What a threshold reads from a run: a metric alias (maybe of one mode) from its statistics, or a JSON Pointer. */
public sealed interface Target permits Target.Alias, Target.Pointer {

    /** The mode names a threshold may qualify an alias with. */
    Set<String> MODES = Set.of("sequential", "parallel");

    /** Which units the threshold may write and how values print. */
    Quantity quantity();

    /** This target with its mode fixed for {@code run}, so the run and its baseline read the same mode. */
    Target resolve(GatedRun run);

    /** For people: "parallel p95", "speedup", "/modes/parallel/wall_ms". */
    String label();

    /** The value in {@code run}, or why it has none. */
    Reading read(GatedRun run);

    /**
     * Parses the metric part of a threshold.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    static Target parse(String text) {
        if (text.startsWith("/")) return Pointer.parse(text);
        String mode = null;
        String name = text;
        int dot = text.indexOf('.');
        if (dot >= 0) {
            String prefix = text.substring(0, dot).toLowerCase(Locale.ROOT);
            if (!MODES.contains(prefix)) {
                if (text.indexOf('.', dot + 1) >= 0 || prefix.equals("modes")) {
                    throw new IllegalArgumentException("unknown metric '" + text
                            + "': JSON paths are written as JSON Pointers, e.g. /" + text.replace('.', '/'));
                }
                throw new IllegalArgumentException("unknown mode '" + text.substring(0, dot) + "' in '" + text
                        + "': qualify a metric with sequential. or parallel.");
            }
            mode = prefix;
            name = text.substring(dot + 1);
        }
        String alias = name;
        Metric metric = Metric.byAlias(alias).orElseThrow(() -> new IllegalArgumentException(
                "unknown metric '" + alias + "': use " + Metric.aliases()
                        + ", or a JSON Pointer such as /modes/parallel/wall_ms"));
        if (mode != null && !metric.perMode()) {
            throw new IllegalArgumentException(metric.alias() + " compares the two modes: write it without a mode");
        }
        if (metric == Metric.EFFICIENCY && "sequential".equals(mode)) {
            throw new IllegalArgumentException("efficiency exists only for the parallel mode");
        }
        return new Alias(metric, mode);
    }

    /**
     * A metric alias.
     *
     * @param metric which metric
     * @param mode   the mode it reads ("sequential", "parallel"), null for speedup or before {@link #resolve}
     */
    record Alias(Metric metric, String mode) implements Target {

        @Override
        public Quantity quantity() {
            return metric.quantity();
        }

        /** Unqualified: the parallel mode when it ran, else the only mode that ran. */
        @Override
        public Target resolve(GatedRun run) {
            if (mode != null || !metric.perMode()) return this;
            if (run.modes().containsKey(Mode.PARALLEL)) return new Alias(metric, Mode.PARALLEL.wireName());
            return run.modes().size() == 1 ? new Alias(metric, run.modes().keySet().iterator().next().wireName()) : this;
        }

        @Override
        public String label() {
            return mode == null ? metric.alias() : mode + " " + metric.alias();
        }

        @Override
        public Reading read(GatedRun run) {
            if (!metric.perMode()) return Reading.of(run.speedup(), metric.whenMissing(null));
            if (mode == null) return Reading.missing("no single mode to read (name one: sequential. or parallel.)", null);
            ModeResults results = run.mode(mode);
            if (results == null) return Reading.missing("no " + mode + " mode", null);
            return Reading.of(metric.of(results), metric.whenMissing(mode));
        }
    }

    /**
     * A JSON Pointer (RFC 6901) into the document, e.g. {@code /modes/parallel/latency_ms/p99}.
     *
     * @param path the pointer as written
     */
    record Pointer(String path) implements Target {

        /** RFC 6901: "~" only as "~0" (a tilde) or "~1" (a slash); Jackson would take any other "~" literally. */
        private static final Pattern SYNTAX = Pattern.compile("(/([^~/]|~[01])*)+");

        static Pointer parse(String text) {
            if (!SYNTAX.matcher(text).matches()) {
                throw new IllegalArgumentException("bad JSON Pointer '" + text + "': a '~' must be ~0 (~) or ~1 (/)");
            }
            return new Pointer(text);
        }

        @Override
        public Quantity quantity() {
            return Quantity.RAW;
        }

        @Override
        public Target resolve(GatedRun run) {
            return this;
        }

        @Override
        public String label() {
            return path;
        }

        @Override
        public Reading read(GatedRun run) {
            return Reading.at(run.document().at(JsonPointer.compile(path)), null);
        }
    }
}
