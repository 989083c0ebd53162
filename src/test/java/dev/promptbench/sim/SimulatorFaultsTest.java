package dev.promptbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptbench.clock.TestClocks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Faults on purpose: each kind as a client sees it on the wire, and which requests meet one. */
class SimulatorFaultsTest {

    private static final String AZURE = "/openai/deployments/d/chat/completions?api-version=2024-10-21";
    private static final String OPENAI = "/v1/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static SimulatorSettings always(FaultKind kind) {
        return SimulatorSettings.instant().withFaults(new SimulatorSettings.Faults(1.0, Set.of(kind)));
    }

    private static String body(String prompt) {
        return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
    }

    private static HttpResponse<String> post(Simulator simulator, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUri() + path))
                .header("api-key", "k")
                .header("Authorization", "Bearer k")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void serverErrorFaultAnswers500InEachRoutesShape() throws Exception {
        try (Simulator simulator = Simulator.start(always(FaultKind.SERVER_ERROR), TestClocks.SYSTEM)) {
            HttpResponse<String> azure = post(simulator, AZURE, body("hi"));
            assertEquals(500, azure.statusCode());
            assertEquals("InternalServerError", JSON.readTree(azure.body()).path("error").path("code").asText());
            HttpResponse<String> openAi = post(simulator, OPENAI, body("hi"));
            assertEquals(500, openAi.statusCode());
            assertEquals("server_error", JSON.readTree(openAi.body()).path("error").path("type").asText());
        }
    }

    @Test
    void unavailableFaultAnswers503WithRetryAfter() throws Exception {
        try (Simulator simulator = Simulator.start(always(FaultKind.UNAVAILABLE), TestClocks.SYSTEM)) {
            HttpResponse<String> response = post(simulator, AZURE, body("hi"));
            assertEquals(503, response.statusCode());
            assertEquals("1", response.headers().firstValue("retry-after").orElseThrow());
            assertEquals("1000", response.headers().firstValue("retry-after-ms").orElseThrow());
            assertEquals("ServiceUnavailable", JSON.readTree(response.body()).path("error").path("code").asText());
        }
    }

    @Test
    void unavailableFaultShortensItsRetryAfterWithTheTimeScale() throws Exception {
        SimulatorSettings scaled = always(FaultKind.UNAVAILABLE)
                .withLimits(new SimulatorSettings.Limits(0, 0, 10));
        try (Simulator simulator = Simulator.start(scaled, TestClocks.SYSTEM)) {
            HttpResponse<String> response = post(simulator, OPENAI, body("hi"));
            assertEquals(503, response.statusCode());
            assertEquals("100", response.headers().firstValue("retry-after-ms").orElseThrow());
            assertEquals("1", response.headers().firstValue("retry-after").orElseThrow());
        }
    }

    @Test
    void malformedFaultAnswers200WithUnparseableJson() throws Exception {
        try (Simulator simulator = Simulator.start(always(FaultKind.MALFORMED), TestClocks.SYSTEM)) {
            HttpResponse<String> response = post(simulator, AZURE, body("hi"));
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
            assertFalse(response.body().isEmpty());
            assertThrows(JsonProcessingException.class, () -> JSON.readTree(response.body()));
        }
    }

    @Test
    void slowHeadersFaultStillAnswersAValid200() throws Exception {
        try (Simulator simulator = Simulator.start(always(FaultKind.SLOW_HEADERS), TestClocks.SYSTEM)) {
            HttpResponse<String> response = post(simulator, OPENAI, body("hi"));
            assertEquals(200, response.statusCode());
            assertEquals("chat.completion", JSON.readTree(response.body()).path("object").asText());
        }
    }

    @Test
    void resetFaultFailsAnHttpClientMidBody() throws Exception {
        try (Simulator simulator = Simulator.start(always(FaultKind.RESET), TestClocks.SYSTEM)) {
            assertThrows(IOException.class, () -> post(simulator, AZURE, body("hi")));
            // The simulator stays healthy: the next connection is served (and cut) the same way.
            assertThrows(IOException.class, () -> post(simulator, OPENAI, body("again")));
        }
    }

    @Test
    void resetFaultSendsHeadersAndHalfTheAnnouncedBodyThenCloses() throws Exception {
        try (Simulator simulator = Simulator.start(always(FaultKind.RESET), TestClocks.SYSTEM);
             Socket socket = new Socket(simulator.baseUri().getHost(), simulator.port())) {
            socket.setSoTimeout(10_000); // a hang would fail the test instead of blocking it
            byte[] request = body("hi").getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + OPENAI + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + request.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(request);
            out.flush();
            byte[] received = readToEnd(socket.getInputStream());
            String text = new String(received, StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 200"), text);
            int headerEnd = text.indexOf("\r\n\r\n");
            Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(text.substring(0, headerEnd));
            assertTrue(length.find(), text);
            int announced = Integer.parseInt(length.group(1));
            int got = received.length - headerEnd - 4;
            assertTrue(got > 0 && got < announced, "got " + got + " of " + announced + " body bytes");
        }
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // An RST instead of a FIN ends the stream just as well.
        }
        return all.toByteArray();
    }

    @Test
    void aRetryOfAFaultedRequestIsDrawnAnewOnTheWire() throws Exception {
        SimulatorSettings half = SimulatorSettings.instant()
                .withFaults(new SimulatorSettings.Faults(0.5, Set.of(FaultKind.SERVER_ERROR)));
        FaultModel model = new FaultModel(half);
        // The first prompt whose first attempt fails and whose second does not: the draw decides, the
        // wire must agree with it.
        String prompt = null;
        for (int i = 0; prompt == null; i++) {
            String messages = "[{\"role\":\"user\",\"content\":\"prompt " + i + "\"}]";
            if (model.draw(messages, 1).isPresent() && model.draw(messages, 2).isEmpty()) {
                prompt = "prompt " + i;
            }
        }
        try (Simulator simulator = Simulator.start(half, TestClocks.SYSTEM)) {
            assertEquals(500, post(simulator, OPENAI, body(prompt)).statusCode());
            assertEquals(500, post(simulator, OPENAI, body(prompt)).statusCode(), "the same attempt fails again");
            HttpRequest retry = HttpRequest.newBuilder(URI.create(simulator.baseUri() + OPENAI))
                    .header("Authorization", "Bearer k")
                    .header(ChatCompletions.ATTEMPT_HEADER, "2")
                    .POST(HttpRequest.BodyPublishers.ofString(body(prompt)))
                    .build();
            assertEquals(200, CLIENT.send(retry, HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void aThirdOfRequestsFaultAtRate30PercentAndRetriesAreFreshDraws() {
        SimulatorSettings settings = SimulatorSettings.defaults()
                .withFaults(new SimulatorSettings.Faults(0.3, FaultKind.all()));
        FaultModel model = new FaultModel(settings);
        int faulted = 0;
        int faultedAgain = 0;
        Set<FaultKind> seen = EnumSet.noneOf(FaultKind.class);
        for (int i = 0; i < 1000; i++) {
            String messages = "[{\"role\":\"user\",\"content\":\"question number " + i + "\"}]";
            Optional<FaultKind> first = model.draw(messages, 1);
            assertEquals(first, model.draw(messages, 1), "reproducible");
            if (first.isPresent()) {
                faulted++;
                seen.add(first.get());
                if (model.draw(messages, 2).isPresent()) {
                    faultedAgain++;
                }
            }
        }
        assertTrue(faulted >= 200 && faulted <= 400, faulted + " of 1000 faulted");
        assertEquals(FaultKind.all(), seen, "every kind is drawn");
        // A replayed draw would fail every retry; a fresh one fails about 30% of them.
        assertTrue(faultedAgain < faulted / 2, faultedAgain + " of " + faulted + " retries faulted again");
    }

    @Test
    void anotherSeedFaultsOtherRequests() {
        SimulatorSettings.Faults faults = new SimulatorSettings.Faults(0.3, FaultKind.all());
        FaultModel one = new FaultModel(SimulatorSettings.defaults().withFaults(faults));
        SimulatorSettings otherSeed = new SimulatorSettings("127.0.0.1", 0, 7L,
                new SimulatorSettings.Answers(Duration.ZERO, 0, 8, Duration.ZERO, 1))
                .withFaults(faults);
        FaultModel other = new FaultModel(otherSeed);
        int differ = 0;
        for (int i = 0; i < 200; i++) {
            String messages = "[{\"role\":\"user\",\"content\":\"q" + i + "\"}]";
            if (one.draw(messages, 1).isPresent() != other.draw(messages, 1).isPresent()) {
                differ++;
            }
        }
        assertTrue(differ > 20, differ + " of 200 differ");
    }

    @Test
    void slowHeadersDoubleThePlannedTimeAndAddHalfASecond() {
        SimulatorSettings settings = new SimulatorSettings("127.0.0.1", 0, 1L,
                new SimulatorSettings.Answers(Duration.ofMillis(100), 0, 5, Duration.ofMillis(10),
                1)).withFaults(new SimulatorSettings.Faults(1, Set.of(FaultKind.SLOW_HEADERS)));
        ChatCompletions completions = new ChatCompletions(settings, java.time.Clock.systemUTC(), () -> 0L);
        SimResponse response = completions.answer(new SimRequest("POST", OPENAI, null,
                headers("Authorization", "Bearer k"), body("hi").getBytes(StandardCharsets.UTF_8), 1));
        assertEquals(200, response.status());
        // 100 ms to the first token and 4 more tokens at 10 ms: 140 ms planned.
        assertEquals(Duration.ofMillis(2 * 140 + 500), response.delay());
    }

    @Test
    void faultsAreDescribedForTheStartupLine() {
        assertEquals("", SimulatorSettings.Faults.none().describe());
        assertEquals("faults 12.5% (500, reset)",
                new SimulatorSettings.Faults(0.125, Set.of(FaultKind.RESET, FaultKind.SERVER_ERROR)).describe());
        assertEquals("slow-headers", FaultKind.parse(" Slow-Headers ").wireName().toLowerCase(Locale.ROOT));
        assertThrows(IllegalArgumentException.class, () -> FaultKind.parseList("500,timeout"));
        assertThrows(IllegalArgumentException.class, () -> new SimulatorSettings.Faults(1.5, FaultKind.all()));
        assertThrows(IllegalArgumentException.class, () -> new SimulatorSettings.Faults(0.5, Set.of()));
    }

    static com.sun.net.httpserver.Headers headers(String... namesAndValues) {
        com.sun.net.httpserver.Headers headers = new com.sun.net.httpserver.Headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    static JsonNode json(SimResponse response) throws IOException {
        return JSON.readTree(response.body());
    }
}
