package dev.promptbench.report;

/** The formats {@code --format} accepts, each with its reporter. */
public enum OutputFormat {
    TABLE,
    JSON;

    public Reporter reporter() {
        return switch (this) {
            case TABLE -> new TableReporter();
            case JSON -> new JsonReporter();
        };
    }
}
