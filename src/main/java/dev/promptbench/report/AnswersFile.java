package dev.promptbench.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.promptbench.prompt.Message;
import dev.promptbench.prompt.Prompt;
import java.io.IOException;
import java.io.OutputStream;
import java.util.StringJoiner;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code --answers} file: one row per prompt in input order (index, id, prompt, status, answer, tokens,
 * finish reason, error), as CSV with a header or as JSON Lines, chosen by the file's extension.
 */
public final class AnswersFile implements AutoCloseable {
    /** The two shapes, by extension. */
    public enum Format { CSV, JSONL }

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    /** The CSV writer, or null for JSON Lines. */
    private final SequenceWriter csv;
    private final OutputStream out;

    private AnswersFile(SequenceWriter csv, OutputStream out) {
        this.csv = csv;
        this.out = out;
    }

    /** CSV for {@code .csv}, JSON Lines for {@code .jsonl} or {@code .json}; null for anything else. */
    public static Format formatOf(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) return Format.CSV;
        if (name.endsWith(".jsonl") || name.endsWith(".json")) return Format.JSONL;
        return null;
    }

    public static AnswersFile writingTo(OutputStream out, Format format) throws IOException {
        if (format == Format.CSV) {
            CsvMapper mapper = CsvMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .build();
            CsvSchema schema = mapper.schemaFor(AnswerRow.class).withHeader().withUseHeader(true);
            return new AnswersFile(mapper.writer(schema).writeValues(out), out);
        }
        return new AnswersFile(null, new java.io.BufferedOutputStream(out, 1 << 16));
    }

    /** The text of a prompt as an answers row shows it: its last message's content. */
    public static String promptText(Prompt prompt) {
        Message last = prompt.messages().isEmpty() ? null : prompt.messages().get(prompt.messages().size() - 1);
        Message.Content content = last == null ? null : last.content();
        if (content instanceof Message.Content.Text text) return text.text();
        if (!(content instanceof Message.Content.Parts parts)) return null;
        // Parts are shown as the JSON array they were written as.
        StringJoiner json = new StringJoiner(",", "[", "]");
        for (Message.Part part : parts.parts()) {
            json.add(part.json() != null ? part.json().json() : JSON.createObjectNode().put("type", part.type())
                    .put("text", part.text()).toString());
        }
        return json.toString();
    }

    public void write(AnswerRow row) throws IOException {
        if (csv != null) {
            csv.write(row);
        } else {
            out.write(JSON.writeValueAsBytes(row));
            out.write('\n');
        }
    }

    @Override
    public void close() throws IOException {
        if (csv != null) csv.close();
        out.close();
    }
}
