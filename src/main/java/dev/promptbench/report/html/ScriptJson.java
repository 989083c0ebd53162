package dev.promptbench.report.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.Writer;

/**
 * JSON generators for data embedded in a {@code <script>} element: {@code <}, {@code >} and {@code &}
 * inside strings are written as {@code \u003c}-style escapes, so no prompt id can close the script
 * ({@code </script>}), end its CDATA section ({@code ]]>}) or start a comment; U+2028 and U+2029 are
 * escaped for older JavaScript parsers.
 */
final class ScriptJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ScriptJson() {}

    /** A generator on {@code out} that leaves {@code out} open when closed. */
    static JsonGenerator on(Writer out) throws IOException {
        JsonGenerator json = FACTORY.createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        json.setCharacterEscapes(new ScriptSafe());
        return json;
    }

    /** The escapes: the standard JSON ones plus the markup characters. */
    private static final class ScriptSafe extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii;

        ScriptSafe() {
            ascii = standardAsciiEscapesForJSON();
            ascii['<'] = ESCAPE_STANDARD;
            ascii['>'] = ESCAPE_STANDARD;
            ascii['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028) return new SerializedString("\\u2028");
            if (ch == 0x2029) return new SerializedString("\\u2029");
            return null;
        }
    }
}
