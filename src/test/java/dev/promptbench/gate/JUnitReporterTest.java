package dev.promptbench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The JUnit report, read back with the JDK's DOM parser. */
class JUnitReporterTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    @Test
    void oneTestCasePerThresholdWithAFailureForEachBreach() throws Exception {
        List<Verdict> verdicts = Thresholds.parse(List.of("p95>2s", "error_rate>5%", "ttft_p95>1s", "efficiency<1"), false)
                .evaluate(Documents.run(Documents.parallelOnly()), null);
        Element suite = parse(JUnitReporter.render(verdicts, 1.5)).getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("promptbench", suite.getAttribute("name"));
        assertEquals("4", suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("failures"));
        assertEquals("0", suite.getAttribute("errors"));
        assertEquals("1.500", suite.getAttribute("time"));

        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(4, cases.getLength());
        assertEquals("p95>2s", ((Element) cases.item(0)).getAttribute("name"));
        assertEquals(0, ((Element) cases.item(0)).getElementsByTagName("failure").getLength());
        Element missing = (Element) ((Element) cases.item(2)).getElementsByTagName("failure").item(0);
        assertEquals("missing value", missing.getAttribute("type"));
        assertTrue(missing.getAttribute("message").contains("--stream"), missing.getAttribute("message"));
        Element breach = (Element) ((Element) cases.item(3)).getElementsByTagName("failure").item(0);
        assertEquals("threshold breached", breach.getAttribute("type"));
        assertEquals("efficiency<1", ((Element) cases.item(3)).getAttribute("name"));
        assertEquals("parallel efficiency 99.96% < 100%", breach.getTextContent());
        assertEquals(breach.getTextContent(), breach.getAttribute("message"));
    }

    @Test
    void escapesMarkupQuotesAndCharactersXmlCannotCarry() throws Exception {
        String nasty = "a<b & \"c\" 'd' > e\u0001\ttab\nline";
        Verdict verdict = new Verdict("p95<2s & \"x\"", nasty, 1.0, 2.0, false, nasty);
        String xml = JUnitReporter.render(List.of(verdict, new Verdict("ok", "ok", 1.0, 2.0, true, "fine")), 0);

        Element suite = parse(xml).getDocumentElement();
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        Element testcase = (Element) suite.getElementsByTagName("testcase").item(0);
        assertEquals("p95<2s & \"x\"", testcase.getAttribute("name"));
        Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
        String expected = "a<b & \"c\" 'd' > e\uFFFD\ttab\nline";
        assertEquals(expected, failure.getAttribute("message"));
        assertEquals(expected, failure.getTextContent());
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    }

    @Test
    void noThresholdsIsAnEmptySuite() throws Exception {
        Element suite = parse(JUnitReporter.render(List.of(), 0)).getDocumentElement();
        assertEquals("0", suite.getAttribute("tests"));
        assertEquals("0", suite.getAttribute("failures"));
    }
}
