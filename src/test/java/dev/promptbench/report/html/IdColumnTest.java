package dev.promptbench.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Ids kept as prefix and number come back exactly as written. */
class IdColumnTest {

    @Test
    void everyShapeOfIdRoundTrips() {
        List<String> ids = List.of("line-1", "line-2", "line-10", "q007", "q0", "00", "0", "abc", "",
                "x123456789012345678901", "٣٤", "id-9007199254740993", "line-1");
        IdColumn column = new IdColumn();
        ids.forEach(column::add);
        for (int i = 0; i < ids.size(); i++) assertEquals(ids.get(i), column.get(i), "row " + i);
        assertEquals(column.prefixCode(0), column.prefixCode(1), "line-N share one prefix");
        assertEquals(2, column.number(1));
    }

    @Test
    void pastTheDictionaryIdsAreKeptWhole() {
        IdColumn column = new IdColumn();
        for (int i = 0; i < 5000; i++) column.add("prompt-" + Integer.toString(i, 36) + "x");
        for (int i = 0; i < 5000; i++) assertEquals("prompt-" + Integer.toString(i, 36) + "x", column.get(i));
    }
}
