package dev.promptbench.report.html;

import java.util.Locale;

/** Escaping and number formatting for markup that must parse both as HTML and as XML. */
final class Markup {

    private Markup() {}

    /**
     * Text or attribute content: the five markup characters become references, and characters XML
     * forbids (most control characters, lone surrogates) become U+FFFD, so a prompt id from a user's
     * file can neither inject markup nor break an XML parser.
     */
    static String text(String value) {
        if (value == null) return "";
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> allowedInXml(value, i) ? null : "\uFFFD";
            };
            if (replacement == null && out == null) continue;
            if (out == null) out = new StringBuilder(value.length() + 16).append(value, 0, i);
            if (replacement == null) out.append(c);
            else out.append(replacement);
        }
        return out == null ? value : out.toString();
    }

    private static boolean allowedInXml(String value, int i) {
        char c = value.charAt(i);
        if (c == '\t' || c == '\n' || c == '\r') return true;
        if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) return false;
        if (Character.isHighSurrogate(c)) return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        if (Character.isLowSurrogate(c)) return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
        return true;
    }

    /** A coordinate with at most two decimals and no exponent: short, and exact enough for a screen. */
    static String num(double value) {
        long hundredths = Math.round(value * 100);
        if (hundredths % 100 == 0) return Long.toString(hundredths / 100);
        String sign = hundredths < 0 ? "-" : "";
        long abs = Math.abs(hundredths);
        long fraction = abs % 100;
        return sign + abs / 100 + "." + (fraction % 10 == 0 ? Long.toString(fraction / 10)
                : (fraction < 10 ? "0" + fraction : Long.toString(fraction)));
    }

    /** 0.42 ms, 850 ms, 1.23 s, 2m 05s: the same shapes as the terminal table. */
    static String duration(double ms) {
        if (Double.isNaN(ms)) return "–";
        if (ms < 1) return String.format(Locale.ROOT, "%.2f ms", ms);
        if (ms < 1000) return String.format(Locale.ROOT, "%.0f ms", ms);
        if (ms < 120_000) return String.format(Locale.ROOT, "%.2f s", ms / 1000);
        long seconds = Math.round(ms / 1000);
        return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }

    /** An axis label for a tick that is a round number of milliseconds. */
    static String tick(double ms) {
        if (ms == 0) return "0";
        if (ms < 1) return trim(String.format(Locale.ROOT, "%.3f", ms)) + " ms";
        if (ms < 1000) return trim(String.format(Locale.ROOT, "%.1f", ms)) + " ms";
        if (ms < 120_000) return trim(String.format(Locale.ROOT, "%.3f", ms / 1000)) + " s";
        long seconds = Math.round(ms / 1000);
        return seconds % 60 == 0 ? seconds / 60 + " min" : String.format(Locale.ROOT, "%dm %02ds", seconds / 60,
                seconds % 60);
    }

    private static String trim(String decimal) {
        if (decimal.indexOf('.') < 0) return decimal;
        String trimmed = decimal.replaceAll("0+$", "");
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** 20,000. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String decimal(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
