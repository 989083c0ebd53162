package dev.promptbench.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Escaping that is safe for HTML and XML alike, and the number shapes charts use. */
class MarkupTest {

    @Test
    void markupCharactersAndForbiddenControlsAreReplaced() {
        assertEquals("&lt;b&gt; &amp; &quot;x&quot; &#39;y&#39;", Markup.text("<b> & \"x\" 'y'"));
        assertEquals("a\uFFFDb\tc", Markup.text("a\u0001b\tc"));
        assertEquals("\uFFFD", Markup.text("\uD800"));
        assertEquals("😀", Markup.text("😀"));
        assertEquals("plain", Markup.text("plain"));
    }

    @Test
    void coordinatesAreShortAndDurationsReadLikeTheTable() {
        assertEquals("12.5", Markup.num(12.5));
        assertEquals("3", Markup.num(3.0001));
        assertEquals("0.05", Markup.num(0.05));
        assertEquals("-1.2", Markup.num(-1.2));
        assertEquals("850 ms", Markup.duration(850));
        assertEquals("1.23 s", Markup.duration(1234));
        assertEquals("2m 05s", Markup.duration(125_000));
        assertEquals("1.5 s", Markup.tick(1500));
        assertEquals("250 ms", Markup.tick(250));
        assertEquals("3 min", Markup.tick(180_000));
    }
}
