package dev.promptbench.report.html;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** A chart's data for the page script, written as one JSON value when the page ends. */
@FunctionalInterface
interface ChartData {
    void write(JsonGenerator json) throws IOException;
}
