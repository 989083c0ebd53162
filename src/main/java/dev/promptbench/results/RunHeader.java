package dev.promptbench.results;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first record of a results file: what was run, against what, with which settings, on what.
 *
 * @param startedAt    when the run started, or null when a file's value is not an instant
 * @param prompts      the prompt file run
 * @param canary       what the canary found, or null when none was sent
 * @param settings     every setting the run was started with, by flag, as text (for {@code --resume}); empty
 *                     when not recorded
 */
public record RunHeader(String version, Instant startedAt, Machine machine, Prompts prompts, boolean simulated,
                        List<EndpointInfo> endpoints, RunConfig config, CanaryReport canary,
                        Map<String, String> settings) {

    public RunHeader {
        settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** A header for a run starting on this machine now. */
    public RunHeader(String version, Instant startedAt, Prompts prompts, boolean simulated,
                     List<EndpointInfo> endpoints, RunConfig config, CanaryReport canary) {
        this(version, startedAt, Machine.current(), prompts, simulated, endpoints, config, canary, Map.of());
    }

    /** This header with the run's settings recorded. */
    public RunHeader withSettings(Map<String, String> settings) {
        return new RunHeader(version, startedAt, machine, prompts, simulated, endpoints, config, canary, settings);
    }

    /** The (first) endpoint. */
    public EndpointInfo endpoint() {
        return endpoints.isEmpty() ? null : endpoints.get(0);
    }

    /**
     * The prompt file a run read.
     *
     * @param file   its name as given, or null for standard input
     * @param sha256 SHA-256 of its bytes, or null for standard input
     * @param count  prompts in it
     */
    public record Prompts(String file, String sha256, int count) {}

    /**
     * Where the run ran.
     *
     * @param java  the Java version, or null
     * @param os    operating system and architecture, or null
     * @param cores available processors (0 when unknown)
     */
    public record Machine(String java, String os, int cores) {
        static Machine current() {
            return new Machine(System.getProperty("java.version"),
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                    Runtime.getRuntime().availableProcessors());
        }
    }
}
