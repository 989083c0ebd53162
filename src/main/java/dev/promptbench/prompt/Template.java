package dev.promptbench.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt template ({@code --template FILE}): text with {@code {{column}}} placeholders, filled from one
 * row of variables per prompt. A placeholder with no value in a row is an error naming both.
 */
public final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]+?)\\s*}}");

    private final String name;
    private final String text;
    private final List<String> placeholders;

    public Template(String name, String text) {
        this.name = name;
        this.text = text;
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!found.contains(m.group(1))) found.add(m.group(1));
        }
        this.placeholders = List.copyOf(found);
    }

    /** The template file as given. */
    public String name() { return name; }

    /** The column names the template uses, in order of first use. */
    public List<String> placeholders() { return placeholders; }

    /**
     * The text with every placeholder replaced by the row's value.
     *
     * @param where "row 3" or "line 4": how the error names the row
     * @throws PromptFileException when a placeholder has no column in the row
     */
    public String render(Map<String, String> row, String label, long line, String where)
            throws PromptFileException {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        while (m.find()) {
            String value = row.get(m.group(1));
            if (value == null) {
                throw new PromptFileException(label, line, where + " has no column '" + m.group(1)
                        + "' for the placeholder {{" + m.group(1) + "}} of the template " + name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
