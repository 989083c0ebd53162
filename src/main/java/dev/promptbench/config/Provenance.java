package dev.promptbench.config;

import java.util.List;

/** Collects one endpoint's provenance lines, each with its prefix ({@code [east] } in a pool). */
record Provenance(List<String> lines, String prefix) {
    void add(String line) {
        lines.add(prefix + line);
    }
}
