package dev.promptbench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A metric's value read from a run, or why there is none.
 *
 * @param value   the value in the document's unit, or null when missing
 * @param problem why it is missing ("no value", "no parallel mode", ...), or null
 * @param hint    what usually causes it ("streaming metrics need --stream"), or null
 */
public record Reading(Double value, String problem, String hint) {

    static Reading of(double value) {
        return new Reading(value, null, null);
    }

    /** {@code value}, or "no value" (usually because of {@code hint}) when it is null. */
    static Reading of(Double value, String hint) {
        return value == null || value.isNaN() ? missing("no value", hint) : of(value.doubleValue());
    }

    static Reading missing(String problem, String hint) {
        return new Reading(null, problem, hint);
    }

    /** The number at {@code node}: missing when absent or null, a problem when it is not a number. */
    static Reading at(JsonNode node, String hint) {
        if (node == null || node.isMissingNode() || node.isNull()) return missing("no value", hint);
        if (!node.isNumber()) {
            return missing("not a number (" + node.getNodeType().name().toLowerCase(Locale.ROOT) + ")", null);
        }
        return of(node.asDouble());
    }

    boolean present() {
        return value != null;
    }
}
