package dev.promptbench.gate;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What a threshold reads from a run's JSON document: a metric alias (maybe of one mode), or a JSON Pointer. */
public sealed interface Target permits Target.Alias, Target.Pointer {

    /** The mode names a threshold may qualify an alias with. */
    Set<String> MODES = Set.of("sequential", "parallel");

    /** Which units the threshold may write and how values print. */
    Quantity quantity();

    /** This target with its mode fixed for {@code run}, so the run and its baseline read the same mode. */
    Target resolve(JsonNode run);

    /** For people: "parallel p95", "speedup", "/modes/parallel/wall_ms". */
    String label();

    /** The value in {@code document}, or why it has none. */
    Reading read(JsonNode document);

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
        public Target resolve(JsonNode run) {
            if (mode != null || !metric.perMode()) return this;
            JsonNode modes = run.path("modes");
            if (modes.has("parallel")) return new Alias(metric, "parallel");
            List<String> names = new ArrayList<>();
            modes.fieldNames().forEachRemaining(names::add);
            return names.size() == 1 ? new Alias(metric, names.get(0)) : this;
        }

        @Override
        public String label() {
            return mode == null ? metric.alias() : mode + " " + metric.alias();
        }

        @Override
        public Reading read(JsonNode document) {
            if (!metric.perMode()) return Reading.at(document.at(metric.key()), metric.whenMissing());
            if (mode == null) return Reading.missing("no single mode to read (name one: sequential. or parallel.)", null);
            JsonNode node = document.path("modes").path(mode);
            if (!node.isObject()) return Reading.missing("no " + mode + " mode", null);
            if (metric == Metric.ERROR_RATE) return errorRate(node);
            if (metric.summedOverRepeats()) return sum(node, metric.key(), metric.whenMissing());
            return Reading.at(node.at(metric.key()), metric.whenMissing());
        }

        /** Errors over the requests that ran, over every repeat: a failed repeat must not hide behind the median. */
        private Reading errorRate(JsonNode mode) {
            Reading errors = sum(mode, "/errors", null);
            Reading requests = sum(mode, "/requests", null);
            Reading notRun = sum(mode, "/not_run", null);
            if (!errors.present()) return errors;
            if (!requests.present()) return requests;
            double ran = requests.value() - (notRun.present() ? notRun.value() : 0);
            if (ran <= 0) return Reading.missing("no value", metric.whenMissing());
            return Reading.of(100.0 * errors.value() / ran);
        }

        /** The value at {@code pointer} summed over the repeats (or the mode's own, without repeats). */
        private static Reading sum(JsonNode mode, String pointer, String whenMissing) {
            JsonNode repeats = mode.path("repeats");
            Iterator<JsonNode> parts = repeats.isArray() && repeats.size() > 0
                    ? repeats.elements() : List.of(mode).iterator();
            double total = 0;
            while (parts.hasNext()) {
                JsonNode value = parts.next().at(pointer);
                Reading part = Reading.at(value.isMissingNode() ? null : value, whenMissing);
                if (!part.present()) return part;
                total += part.value();
            }
            return Reading.of(total);
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
        public Target resolve(JsonNode run) {
            return this;
        }

        @Override
        public String label() {
            return path;
        }

        @Override
        public Reading read(JsonNode document) {
            return Reading.at(document.at(JsonPointer.compile(path)), null);
        }
    }
}
