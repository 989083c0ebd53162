package dev.promptbench.gate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The threshold verdicts as a JUnit XML report, the format CI systems (GitHub, GitLab, Jenkins, Azure
 * Pipelines) show as test results: one {@code <testsuite name="promptbench">}, one {@code <testcase>} per
 * threshold, a {@code <failure>} for each breached or unreadable one.
 */
public final class JUnitXml {
    private JUnitXml() {}

    /** Writes the report with a suite time of zero; see {@link #write(List, double, Path)}. */
    public static void write(List<Verdict> verdicts, Path file) throws IOException {
        write(verdicts, 0, file);
    }

    /**
     * Writes the report, creating missing parent directories and replacing the file.
     *
     * @param seconds the suite's time: the run's measured wall time, so CI shows how long the gate took to earn
     */
    public static void write(List<Verdict> verdicts, double seconds, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, render(verdicts, seconds), StandardCharsets.UTF_8);
    }

    /** The XML document as text. */
    public static String render(List<Verdict> verdicts, double seconds) {
        long failures = verdicts.stream().filter(v -> !v.passed()).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"promptbench\" tests=\"").append(verdicts.size())
                .append("\" failures=\"").append(failures)
                .append("\" errors=\"0\" skipped=\"0\" time=\"").append(time(seconds)).append("\">\n");
        for (Verdict verdict : verdicts) {
            xml.append("  <testcase classname=\"promptbench.thresholds\" name=\"").append(escape(verdict.threshold()))
                    .append("\" time=\"0\"");
            if (verdict.passed()) {
                xml.append(">\n    <system-out>").append(escape(verdict.message())).append("</system-out>\n");
            } else {
                xml.append(">\n    <failure type=\"").append(verdict.missing() ? "missing value" : "threshold breached")
                        .append("\" message=\"").append(escape(verdict.message())).append("\">")
                        .append(escape(verdict.message())).append("</failure>\n");
            }
            xml.append("  </testcase>\n");
        }
        return xml.append("</testsuite>\n").toString();
    }

    private static String time(double seconds) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, seconds));
    }

    /**
     * Text safe in both element content and double-quoted attributes; characters XML 1.0 cannot carry at all
     * (most control characters) become U+FFFD rather than making the file unparsable.
     */
    static String escape(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append("&#9;");
                default -> {
                    boolean allowed = (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
                    out.appendCodePoint(allowed ? c : 0xFFFD);
                }
            }
        });
        return out.toString();
    }
}
