package dev.promptbench.client;

import java.util.regex.Pattern;

/**
 * Turns text from exceptions and error bodies into one short line that is safe to print:
 * the caller's secret redacted, URL query strings (which may carry {@code api-key=}) removed,
 * bearer tokens and {@code sk-} keys masked.
 */
final class SafeText {

    /** Longer messages are cut: a failure message is one line in a table or a JSONL record. */
    static final int MAX_LENGTH = 300;

    /** Shorter "secrets" (test keys like {@code k}) would redact ordinary letters. */
    private static final int MIN_SECRET_LENGTH = 8;

    private static final Pattern QUERY = Pattern.compile("\\?[^\\s?\"'<>]*=[^\\s\"'<>]*");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+");
    private static final Pattern OPENAI_KEY = Pattern.compile("\\bsk-[A-Za-z0-9_\\-]{8,}");
    /** A JWT (an Entra ID access token, say): three base64url parts, the first a JSON header. */
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_\\-]{4,}\\.[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private SafeText() {}

    /**
     * One safe line from {@code text}.
     *
     * @param text        anything, null allowed
     * @param headerValue the credential header value sent with the request (redacted, with its
     *                    last word, e.g. the token after {@code Bearer}); null allowed. Several secrets
     *                    (the values of extra headers too) may be passed joined by {@code \n}, a character
     *                    no header value can hold
     */
    static String line(String text, String headerValue) {
        if (text == null) {
            return "";
        }
        String out = text;
        if (headerValue != null) {
            for (String secret : headerValue.split("\n")) {
                out = redact(out, secret);
                int space = secret.lastIndexOf(' ');
                if (space >= 0) {
                    out = redact(out, secret.substring(space + 1));
                }
            }
        }
        out = QUERY.matcher(out).replaceAll("");
        out = BEARER.matcher(out).replaceAll("$1***");
        out = OPENAI_KEY.matcher(out).replaceAll("sk-***");
        out = JWT.matcher(out).replaceAll("***");
        out = WHITESPACE.matcher(out).replaceAll(" ").trim();
        if (out.length() > MAX_LENGTH) {
            out = out.substring(0, MAX_LENGTH - 3) + "...";
        }
        return out;
    }

    private static String redact(String text, String secret) {
        String trimmed = secret.trim();
        return trimmed.length() < MIN_SECRET_LENGTH ? text : text.replace(trimmed, "***");
    }
}
