package dev.promptbench.cli;

/** The {@code --mode} values. */
enum RunMode {
    COMPARE, SEQUENTIAL, PARALLEL;

    String wireName() { return name().toLowerCase(java.util.Locale.ROOT); }
}
