package dev.promptbench.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prompts from a template and a file of variables, one prompt per row: a CSV with a header row, or JSON
 * Lines of objects. The id is the row's {@code id} column, else {@code row-N}.
 */
final class TemplateRows implements PromptSource {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Template template;
    private final TextPromptStyle style;
    private final String label;
    private final MappingIterator<Map<String, String>> csv;
    private final BufferedReader jsonl;
    private long line;
    private int index;
    private boolean closed;

    TemplateRows(Path variables, String label, Template template, TextPromptStyle style) throws PromptFileException {
        this.template = template;
        this.style = style;
        this.label = label;
        try {
            Reader reader = new InputStreamReader(Files.newInputStream(variables), StandardCharsets.UTF_8);
            if (isCsv(variables)) {
                this.csv = new CsvMapper().readerFor(Map.class).with(CsvSchema.emptySchema().withHeader())
                        .readValues(new BufferedReader(reader));
                this.jsonl = null;
            } else {
                this.csv = null;
                this.jsonl = new BufferedReader(reader, 1 << 16);
            }
        } catch (IOException e) {
            throw new PromptFileException(label, "cannot read (" + PromptFile.reason(e) + ")", e);
        }
    }

    static boolean isCsv(Path variables) {
        return variables.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    @Override
    public synchronized Prompt next() throws PromptFileException {
        if (closed) return null;
        Map<String, String> row = csv != null ? nextCsvRow() : nextJsonRow();
        if (row == null) return null;
        int number = index + 1;
        String text = template.render(row, label, line, "row " + number);
        String id = row.get("id");
        if (id == null || id.isBlank()) id = "row-" + number;
        return new Prompt(index++, id, style.messagesFor(text), Map.of());
    }

    private Map<String, String> nextCsvRow() throws PromptFileException {
        try {
            if (!csv.hasNextValue()) return null;
            Map<String, String> row = csv.nextValue();
            line = csv.getCurrentLocation() == null ? index + 2 : csv.getCurrentLocation().getLineNr();
            return row;
        } catch (IOException | RuntimeException e) {
            throw new PromptFileException(label, line + 1, "not a valid CSV row (" + e.getMessage() + ")");
        }
    }

    private Map<String, String> nextJsonRow() throws PromptFileException {
        try {
            String text;
            while ((text = jsonl.readLine()) != null) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) text = text.substring(1);
                if (text.isBlank()) continue;
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (IOException e) {
                    throw new PromptFileException(label, line, "not a JSON object");
                }
                if (node == null || !node.isObject()) throw new PromptFileException(label, line, "not a JSON object");
                Map<String, String> row = new LinkedHashMap<>();
                node.properties().forEach(e -> row.put(e.getKey(), e.getValue().isValueNode()
                        ? (e.getValue().isNull() ? "" : e.getValue().asText()) : e.getValue().toString()));
                return row;
            }
            return null;
        } catch (IOException e) {
            throw new PromptFileException(label, "cannot read (" + PromptFile.reason(e) + ")", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            if (csv != null) csv.close();
            if (jsonl != null) jsonl.close();
        } catch (IOException e) {
            // Nothing was written; nothing to lose.
        }
    }
}
