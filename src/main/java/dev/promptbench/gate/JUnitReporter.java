package dev.promptbench.gate;

import dev.promptbench.report.Reporter;
import dev.promptbench.report.RunReport;
import dev.promptbench.stats.ModeSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The threshold verdicts as a JUnit XML report, the format CI systems (GitHub, GitLab, Jenkins, Azure
 * Pipelines) show as test results: one {@code <testsuite name="promptbench">}, one {@code <testcase>} per
 * threshold, a {@code <failure>} for each breached or unreadable one.
 */
public final class JUnitReporter implements Reporter {
    private final List<Verdict> verdicts;

    /** A reporter of these verdicts, reached on the run it is given. */
    public JUnitReporter(List<Verdict> verdicts) {
        this.verdicts = List.copyOf(verdicts);
    }

    /** Writes the document; the suite's time is the run's measured wall time, so CI shows what the gate took. */
    @Override
    public void write(RunReport report, PrintWriter out) {
        double seconds = report.modes().values().stream().flatMap(m -> m.repeats().stream())
                .mapToDouble(ModeSummary::wallMs).sum() / 1000.0;
        out.print(render(verdicts, seconds));
        out.flush();
    }

    /** The XML document as text. */
    static String render(List<Verdict> verdicts, double seconds) {
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
