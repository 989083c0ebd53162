package dev.promptbench.report;

/** The formats {@code --format} accepts, each with its reporter. */
public enum OutputFormat {
    TABLE,
    JSON,
    MARKDOWN,
    CSV;

    public Reporter reporter() {
        return switch (this) {
            case TABLE -> new TableReporter();
            case JSON -> new JsonReporter();
            case MARKDOWN -> new MarkdownReporter();
            case CSV -> new CsvReporter();
        };
    }
}
