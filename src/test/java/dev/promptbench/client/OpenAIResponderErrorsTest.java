package dev.promptbench.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.promptbench.clock.Ticker;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Classification of HTTP error responses and of 2xx bodies that are not chat completions. */
@WireMockTest
class OpenAIResponderErrorsTest {

    private OpenAIResponder responder;
    private String base;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        responder = new OpenAIResponder(ClientFixtures.settings(), Ticker.system(), ClientFixtures.CLOCK);
        base = wm.getHttpBaseUrl();
    }

    @AfterEach
    void tearDown() {
        responder.close();
    }

    @ParameterizedTest
    @CsvSource({
        "400, BAD_REQUEST", "401, UNAUTHORIZED", "403, UNAUTHORIZED", "404, NOT_FOUND", "408, SERVER_ERROR",
        "409, SERVER_ERROR", "413, BAD_REQUEST", "422, BAD_REQUEST", "429, RATE_LIMITED", "500, SERVER_ERROR",
        "502, SERVER_ERROR", "503, SERVER_ERROR", "504, SERVER_ERROR", "307, NOT_FOUND"
    })
    void classifiesByStatus(int status, ErrorKind kind) {
        Outcome.Failure failure = failWith(json(status, "{\"error\":{\"code\":\"x\",\"message\":\"m\"}}"));

        assertEquals(kind, failure.kind());
        assertEquals(status, failure.httpStatus());
    }

    @Test
    void rateLimitPrefersRetryAfterMs() {
        Outcome.Failure failure = failWith(json(429, "{\"error\":{\"code\":\"429\",\"message\":\"Requests ... exceeded"
                + " token rate limit. Please retry after 6 seconds.\"}}")
                .withHeader("retry-after-ms", "250").withHeader("retry-after", "6")
                .withHeader("apim-request-id", "apim-429"));

        assertEquals(ErrorKind.RATE_LIMITED, failure.kind());
        assertEquals(Duration.ofMillis(250), failure.retryAfter());
        assertEquals("429", failure.code());
        assertEquals("apim-429", failure.requestId());
        assertTrue(failure.message().startsWith("HTTP 429: Requests ... exceeded"), failure.message());
    }

    @Test
    void rateLimitReadsRetryAfterSeconds() {
        Outcome.Failure failure = failWith(json(429, "{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"slow"
                + " down\",\"type\":\"requests\",\"param\":null}}").withHeader("retry-after", "6"));

        assertEquals(Duration.ofSeconds(6), failure.retryAfter());
        assertEquals("rate_limit_exceeded", failure.code());
    }

    @Test
    void rateLimitReadsRetryAfterAsAnHttpDate() {
        String inThirtySeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ClientFixtures.NOW.plusSeconds(30).atZone(ZoneOffset.UTC));

        Outcome.Failure failure = failWith(json(429, "{}").withHeader("retry-after", inThirtySeconds));

        assertEquals(Duration.ofSeconds(30), failure.retryAfter());
    }

    @Test
    void serverErrorWithoutRetryAfter() {
        Outcome.Failure failure = failWith(json(500, "{\"error\":{\"code\":\"InternalServerError\","
                + "\"message\":\"The server had an error\"}}"));

        assertEquals(ErrorKind.SERVER_ERROR, failure.kind());
        assertNull(failure.retryAfter());
        assertEquals("HTTP 500 InternalServerError: The server had an error", failure.message());
    }

    @Test
    void unavailableCarriesRetryAfter() {
        Outcome.Failure failure = failWith(json(503, "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"busy\"}}")
                .withHeader("retry-after", "2"));

        assertEquals(ErrorKind.SERVER_ERROR, failure.kind());
        assertEquals(Duration.ofSeconds(2), failure.retryAfter());
    }

    @Test
    void contentFilterWithInnererror() {
        Outcome.Failure failure = failWith(json(400, """
                {"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
                  "type":null,"param":"prompt","code":"content_filter","status":400,
                  "innererror":{"code":"ResponsibleAIPolicyViolation",
                    "content_filter_result":{"jailbreak":{"filtered":true,"detected":true}}}}}
                """));

        assertEquals(ErrorKind.CONTENT_FILTER, failure.kind());
        assertEquals("content_filter", failure.code());
        assertTrue(failure.message().startsWith("HTTP 400 content_filter (ResponsibleAIPolicyViolation): The response"),
                failure.message());
    }

    @Test
    void contentFilterWithInnerError() {
        Outcome.Failure failure = failWith(json(400, """
                {"error":{"message":"filtered","code":"content_filter",
                  "inner_error":{"code":"ResponsibleAIPolicyViolation",
                    "content_filter_results":{"hate":{"filtered":true,"severity":"high"}}}}}
                """));

        assertEquals(ErrorKind.CONTENT_FILTER, failure.kind());
        assertEquals("HTTP 400 content_filter (ResponsibleAIPolicyViolation): filtered", failure.message());
    }

    @Test
    void otherBadRequestKeepsCodeAndMessage() {
        Outcome.Failure failure = failWith(json(400, """
                {"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model.",
                  "type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}}
                """));

        assertEquals(ErrorKind.BAD_REQUEST, failure.kind());
        assertEquals("unsupported_parameter", failure.code());
        assertEquals("HTTP 400 unsupported_parameter: Unsupported parameter: 'max_tokens' is not supported with this"
                + " model.", failure.message());
    }

    @Test
    void unauthorizedWithNumericCode() {
        Outcome.Failure failure = failWith(json(401, "{\"error\":{\"code\":401,\"message\":\"Access denied due to"
                + " invalid subscription key or wrong API endpoint.\"}}"));

        assertEquals(ErrorKind.UNAUTHORIZED, failure.kind());
        assertEquals("401", failure.code());
        assertEquals("HTTP 401: Access denied due to invalid subscription key or wrong API endpoint.", failure.message());
    }

    @Test
    void deploymentNotFound() {
        Outcome.Failure failure = failWith(json(404, "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API"
                + " deployment for this resource does not exist.\"}}"));

        assertEquals(ErrorKind.NOT_FOUND, failure.kind());
        assertEquals("DeploymentNotFound", failure.code());
        assertTrue(failure.message().startsWith("HTTP 404 DeploymentNotFound: The API deployment"), failure.message());
        assertTrue(failure.kind().isFatal());
    }

    @Test
    void nonJsonErrorBodyIsDescribedBySize() {
        String html = "<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>";

        Outcome.Failure failure = failWith(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody(html));

        assertEquals(ErrorKind.SERVER_ERROR, failure.kind());
        assertEquals("HTTP 502 (non-JSON body, " + html.length() + " bytes)", failure.message());
        assertNull(failure.code());
    }

    @Test
    void emptyErrorBody() {
        Outcome.Failure failure = failWith(aResponse().withStatus(503));

        assertEquals("HTTP 503 (empty body)", failure.message());
    }

    @Test
    void flatErrorShapeOfCompatibleServers() {
        Outcome.Failure failure = failWith(json(400, "{\"object\":\"error\",\"message\":\"context too long\","
                + "\"type\":\"BadRequestError\",\"code\":400}"));

        assertEquals(ErrorKind.BAD_REQUEST, failure.kind());
        assertEquals("HTTP 400: context too long", failure.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"error":{"code":"InvalidParameter","message":"max_tokens is too large"}}                  | HTTP 422 InvalidParameter: max_tokens is too large
            {"error":"Unprocessable Entity","message":"max_tokens is too large","statusCode":422}     | HTTP 422 Unprocessable Entity: max_tokens is too large
            {"error":"max_tokens is too large"}                                                      | HTTP 422: max_tokens is too large
            {"message":"max_tokens is too large"}                                                    | HTTP 422: max_tokens is too large
            {"detail":[{"loc":["body","max_tokens"],"msg":"max_tokens is too large","type":"value_error"}]} | HTTP 422: max_tokens is too large
            [{"error":{"code":422,"message":"max_tokens is too large","status":"INVALID_ARGUMENT"}}] | HTTP 422: max_tokens is too large
            """)
    void everyErrorShapeGivesItsMessage(String body, String message) {
        Outcome.Failure failure = failWith(json(422, body));

        assertEquals(ErrorKind.BAD_REQUEST, failure.kind());
        assertEquals(message, failure.message());
    }

    @Test
    void aGatewayPageGivesItsTitle() {
        String html = "<!DOCTYPE html>\n<html><head><meta charset=utf-8>\n<TITLE>504 Gateway Time-out &amp; retry"
                + "</TITLE></head><body><h1>504</h1></body></html>";

        Outcome.Failure failure = failWith(aResponse().withStatus(504).withHeader("Content-Type", "text/html")
                .withBody(html));

        assertEquals(ErrorKind.SERVER_ERROR, failure.kind());
        assertEquals("HTTP 504: 504 Gateway Time-out & retry (HTML page)", failure.message());
    }

    @Test
    void aPlainTextErrorIsItsOwnMessage() {
        Outcome.Failure failure = failWith(aResponse().withStatus(503).withHeader("Content-Type", "text/plain")
                .withBody("upstream connect error or disconnect/reset before headers.\nreset reason: overflow\n"));

        assertEquals("HTTP 503: upstream connect error or disconnect/reset before headers. reset reason: overflow",
                failure.message());
    }

    @Test
    void aLongErrorMessageIsCutTo300CharactersWithTheKeyScrubbed() {
        String longMessage = "key " + ClientFixtures.KEY + " rejected; " + "x".repeat(400);

        Outcome.Failure failure = failWith(json(401, "{\"error\":\"Unauthorized\",\"message\":\"" + longMessage
                + "\"}"));

        assertEquals(300, failure.message().length());
        assertTrue(failure.message().startsWith("HTTP 401 Unauthorized: key *** rejected; xxx"), failure.message());
        assertTrue(failure.message().endsWith("..."), failure.message());
    }

    @Test
    void okWithHtmlIsMalformed() {
        Outcome.Failure failure = failWith(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html>Sign in to continue</html>"));

        assertEquals(ErrorKind.MALFORMED, failure.kind());
        assertEquals(200, failure.httpStatus());
        assertTrue(failure.message().startsWith("HTTP 200 body is not a chat completion (text/html)"), failure.message());
    }

    @Test
    void okWithTruncatedJsonIsMalformed() {
        Outcome.Failure failure = failWith(okJson("{\"choices\":[{\"message\":{\"content\":\"2 an"));

        assertEquals(ErrorKind.MALFORMED, failure.kind());
    }

    @Test
    void okWithoutChoicesIsMalformed() {
        Outcome.Failure failure = failWith(okJson("{\"id\":\"x\",\"object\":\"chat.completion\",\"usage\":null}"));

        assertEquals(ErrorKind.MALFORMED, failure.kind());
        assertEquals("HTTP 200 body is not a chat completion: no choices", failure.message());
    }

    @Test
    void okWithEmptyChoicesOrEmptyBodyIsMalformed() {
        assertEquals(ErrorKind.MALFORMED, failWith(okJson("{\"choices\":[]}")).kind());
        assertEquals(ErrorKind.MALFORMED, failWith(aResponse().withStatus(200)).kind());
    }

    @Test
    void theConnectionIsReusedAfterAnErrorResponse() {
        failWith(json(500, "{\"error\":{\"code\":\"x\",\"message\":\"m\"}}"));
        stubFor(post(anyUrl()).willReturn(okJson(ClientFixtures.AZURE_COMPLETION)));

        assertInstanceOf(Outcome.Success.class, responder.call(ClientFixtures.request(), ClientFixtures.azure(base)));
        assertEquals(1, responder.connectionPool().connectionCount());
    }

    private Outcome.Failure failWith(ResponseDefinitionBuilder response) {
        stubFor(post(anyUrl()).willReturn(response));
        return assertInstanceOf(Outcome.Failure.class,
                responder.call(ClientFixtures.request(), ClientFixtures.azure(base)));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
