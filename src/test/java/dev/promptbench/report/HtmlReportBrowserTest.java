package dev.promptbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.report.html.ResultsFixture;
import dev.promptbench.report.html.ResultsFixture.Request;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders reports in headless Chromium: the charts must draw (the page script marks
 * {@code data-drawn="yes"} once every canvas and SVG chart has painted) and screenshots are saved in
 * {@code target/}. Skipped where Chromium is not installed, so CI never fails for want of a browser.
 */
class HtmlReportBrowserTest {
    private static final long TIMEOUT_SECONDS = 90;
    private static Path chromium;

    @TempDir
    Path dir;

    @BeforeAll
    static void findChromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
                "/snap/bin/chromium")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                chromium = path;
                return;
            }
        }
        Assumptions.assumeTrue(false, "Chromium not installed: the HTML report's browser check is skipped "
                + "(install the Debian package 'chromium' to run it)");
    }

    @Test
    void aCompareRunDrawsItsChartsInChromium() throws Exception {
        Path html = dir.resolve("compare.html");
        ResultsFixture.html(ResultsFixture.write(dir.resolve("compare.jsonl"), compareRun()), html);

        String dom = chromium(html, "--dump-dom");
        assertEquals("yes", drawn(dom), "data-drawn after the script ran; charts: " + charts(dom));

        Path png = Path.of("target", "html-report.png").toAbsolutePath();
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        chromium(html, "--screenshot=" + png, "--window-size=1400,1800");
        assertNotBlank(png);
    }

    @Test
    void aLargeRunDrawsItsCanvasInChromium() throws Exception {
        Path html = dir.resolve("large.html");
        ResultsFixture.html(ResultsFixture.write(dir.resolve("large.jsonl"), largeRun()), html);
        assertTrue(Files.readString(html, StandardCharsets.UTF_8).contains("data-form=\"canvas\""));

        String dom = chromium(html, "--dump-dom");
        assertEquals("yes", drawn(dom), "charts: " + charts(dom));
        // The page script counts a canvas as drawn only when its pixels show bars in the bar colours.
        assertTrue(charts(dom).startsWith("canvas 1/1"), charts(dom));
    }

    /** Runs Chromium on the page with a bounded wait; returns what it printed on stdout. */
    private String chromium(Path page, String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(flags));
        command.add(page.toUri().toString());
        Path stdout = Files.createTempFile(dir, "chromium", ".out");
        Path stderr = Files.createTempFile(dir, "chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish within " + TIMEOUT_SECONDS + " s");
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "Chromium failed: " + tail(Files.readString(stderr)));
        return out;
    }

    private static void assertNotBlank(Path png) throws IOException {
        assertTrue(Files.isRegularFile(png), "no screenshot at " + png);
        assertTrue(Files.size(png) > 20_000, "screenshot suspiciously small: " + Files.size(png) + " bytes");
        BufferedImage image = ImageIO.read(png.toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) colours.add(image.getRGB(x, y));
        }
        assertTrue(colours.size() > 20, "the screenshot is nearly one colour: " + colours.size() + " colours");
    }

    private static String drawn(String dom) {
        Matcher m = Pattern.compile("<html[^>]*\\sdata-drawn=\"([^\"]*)\"").matcher(dom);
        return m.find() ? m.group(1) : "(no data-drawn attribute)";
    }

    private static String charts(String dom) {
        Matcher m = Pattern.compile("<html[^>]*\\sdata-charts=\"([^\"]*)\"").matcher(dom);
        return m.find() ? m.group(1) : "(none)";
    }

    private static String tail(String text) {
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }

    /** 40 prompts one at a time, then on 8 workers: errors, a retry with back-off and streamed first tokens. */
    private static List<String> compareRun() {
        SplittableRandom random = new SplittableRandom(3);
        List<String> lines = new ArrayList<>();
        lines.add(ResultsFixture.header("compare", 8, true, 40));
        double[] latencies = new double[40];
        for (int i = 0; i < latencies.length; i++) latencies[i] = 250 + random.nextDouble() * 500;
        double at = 20;
        for (int i = 0; i < 40; i++) {
            Request r = request("sequential", i, 0, at, latencies[i]);
            lines.add(r.line());
            at = r.endMs() + 2;
        }
        lines.add(ResultsFixture.summary("sequential", 0, 1, at - 22, 40, 2, percentiles(latencies, 1)));
        double[] free = new double[8];
        double wall = 0;
        for (int i = 0; i < 40; i++) {
            int lane = 0;
            for (int w = 1; w < 8; w++) if (free[w] < free[lane]) lane = w;
            double start = free[lane] + 1;
            Request r = request("parallel", i, lane, start, latencies[i] * 1.1);
            if (i == 13) r = Request.ok("parallel", i, lane, start, start + 1600).retried(3, 2, 900, 450).streamed(140);
            free[lane] = r.endMs();
            wall = Math.max(wall, r.endMs());
            lines.add(r.line());
        }
        lines.add(ResultsFixture.summary("parallel", 0, 8, wall, 40, 2, percentiles(latencies, 1.1)));
        return lines;
    }

    private static double[] percentiles(double[] latencies, double factor) {
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        double[] p = new double[5];
        double[] q = {0.5, 0.9, 0.95, 0.99, 1};
        for (int i = 0; i < q.length; i++) {
            p[i] = factor * sorted[(int) Math.min(sorted.length - 1, Math.ceil(q[i] * sorted.length) - 1)];
        }
        return p;
    }

    private static Request request(String mode, int i, int lane, double start, double latency) {
        Request r = Request.ok(mode, i, lane, start, start + latency).streamed(latency * 0.3);
        if (i == 9 || i == 27) r = Request.ok(mode, i, lane, start, start + latency * 0.2).failed("server_error");
        return r;
    }

    /** 8,000 requests on 32 workers: past the SVG limit, so the timeline is a canvas. */
    private static List<String> largeRun() {
        SplittableRandom random = new SplittableRandom(5);
        List<String> lines = new ArrayList<>();
        lines.add(ResultsFixture.header("parallel", 32, false, 8000));
        double[] free = new double[32];
        double wall = 0;
        for (int i = 0; i < 8000; i++) {
            int lane = 0;
            for (int w = 1; w < 32; w++) if (free[w] < free[lane]) lane = w;
            double start = free[lane] + 0.5;
            Request r = Request.ok("parallel", i, lane, start, start + 40 + random.nextDouble() * 120);
            if (i % 97 == 5) r = r.failed("server_error");
            if (i % 211 == 3) r = r.retried(2, 1, 30, (r.endMs() - start) / 2);
            free[lane] = r.endMs();
            wall = Math.max(wall, r.endMs());
            lines.add(r.line());
        }
        lines.add(ResultsFixture.summary("parallel", 0, 32, wall, 8000, 83, new double[] {100, 146, 153, 159, 160}));
        return lines;
    }
}
