package dev.promptbench.report;

/** The formats {@code --format} accepts, each with its reporter. */
public enum OutputFormat {
    TABLE,
    JSON,
    MARKDOWN,
    CSV;

    public Reporter reporter() {
        return reporter(Integer.MAX_VALUE);
    }

    /** The reporter, a table kept within {@code columns} characters (a narrow layout when it must). */
    public Reporter reporter(int columns) {
        return switch (this) {
            case TABLE -> new TableReporter(columns);
            case JSON -> new JsonReporter();
            case MARKDOWN -> new MarkdownReporter();
            case CSV -> new CsvReporter();
        };
    }

    /** The reporter of several runs side by side. */
    public SideBySideReporter sideBySide() {
        return switch (this) {
            case TABLE -> new SideBySideTable();
            case JSON -> new SideBySideJson();
            case MARKDOWN -> new SideBySideMarkdown();
            case CSV -> new SideBySideCsv();
        };
    }
}
