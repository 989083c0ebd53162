package dev.promptbench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Plain calls to the files and batches APIs of an endpoint, with its credential, extra headers, proxy
 * and trust: JSON in, JSON out, and file contents as streams. No retries here: the caller decides.
 */
public final class ApiCalls implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final MediaType JSONL = MediaType.get("application/jsonl");
    /** Batch and file objects are small; an answer larger than this is not one of them. */
    private static final int REPLY_LIMIT = 8 * 1024 * 1024;
    private static final String USER_AGENT = "promptbench/" + version();

    private final OkHttpClient client;
    private final Clock clock;

    /**
     * A client with the network settings of the run; {@code timeout} bounds each call except downloads, and
     * {@code clock} dates HTTP-date {@code retry-after} values.
     */
    public ApiCalls(NetworkSettings network, Duration connectTimeout, Duration timeout, Clock clock) {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .retryOnConnectionFailure(false)
                .followRedirects(false);
        NetworkSetup.apply(http, network);
        this.client = http.build();
        this.clock = clock;
    }

    /** POSTs a JSON body. */
    public ApiReply postJson(URI url, Endpoint endpoint, byte[] json) throws IOException {
        return call(request(url, endpoint).post(RequestBody.create(json, JSON)), endpoint);
    }

    /** POSTs an empty body (e.g. cancel). */
    public ApiReply post(URI url, Endpoint endpoint) throws IOException {
        return call(request(url, endpoint).post(RequestBody.create(new byte[0], JSON)), endpoint);
    }

    /** GETs a JSON object. */
    public ApiReply get(URI url, Endpoint endpoint) throws IOException {
        return call(request(url, endpoint).get(), endpoint);
    }

    /** Uploads a file as {@code multipart/form-data} with the form field {@code purpose}. */
    public ApiReply upload(URI url, Endpoint endpoint, String purpose, Path file) throws IOException {
        RequestBody form = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("purpose", purpose)
                .addFormDataPart("file", file.getFileName().toString(), RequestBody.create(file.toFile(), JSONL))
                .build();
        return call(request(url, endpoint).post(form), endpoint);
    }

    /**
     * Opens a file's content as a stream (never read whole into memory); the caller closes it.
     *
     * @throws ApiCallException when the service answers with an error status
     */
    public InputStream download(URI url, Endpoint endpoint) throws IOException {
        Response response = client.newCall(request(url, endpoint).get().build()).execute();
        if (!response.isSuccessful()) {
            try (response) {
                throw new ApiCallException(reply(response, endpoint));
            }
        }
        return response.body().byteStream();
    }

    private Request.Builder request(URI url, Endpoint endpoint) throws IOException {
        HttpUrl parsed = HttpUrl.parse(url.toString());
        if (parsed == null) throw new IOException("not an http(s) URL: " + url.getScheme() + "://" + url.getHost());
        Request.Builder builder = new Request.Builder().url(parsed)
                .header(endpoint.credential().headerName(), endpoint.credential().headerValue())
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        for (Map.Entry<String, String> extra : endpoint.headers().entrySet()) {
            builder.header(extra.getKey(), extra.getValue());
        }
        return builder;
    }

    private ApiReply call(Request.Builder request, Endpoint endpoint) throws IOException {
        try (Response response = client.newCall(request.build()).execute()) {
            return reply(response, endpoint);
        } catch (IOException e) {
            throw new IOException(SafeText.line(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                    secrets(endpoint)), e);
        }
    }

    private ApiReply reply(Response response, Endpoint endpoint) throws IOException {
        BufferedSource source = response.body().source();
        source.request(REPLY_LIMIT);
        byte[] body = source.readByteArray(Math.min(source.getBuffer().size(), REPLY_LIMIT));
        Duration wait = RetryAfter.parse(response.header("retry-after-ms"), response.header("retry-after"),
                clock.instant());
        String requestId = response.header("apim-request-id");
        if (requestId == null) requestId = response.header("x-request-id");
        if (response.isSuccessful()) return new ApiReply(response.code(), body, wait, requestId, null, null);
        String code = null;
        String message = null;
        try {
            JsonNode error = JsonMapper.builder().build().readTree(body).path("error");
            code = text(error.get("code"));
            if (code == null) code = text(error.get("type"));
            message = text(error.get("message"));
        } catch (IOException | RuntimeException notJson) {
            // Gateways answer with HTML or plain text: the status alone has to do.
        }
        if (message == null) message = response.message().isBlank() ? "no error body" : response.message();
        return new ApiReply(response.code(), body, wait, requestId, code, SafeText.line(message, secrets(endpoint)));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }

    private static String secrets(Endpoint endpoint) {
        StringBuilder out = new StringBuilder();
        try {
            out.append(endpoint.credential().headerValue());
        } catch (RuntimeException e) {
            // No value to hide.
        }
        endpoint.headers().values().forEach(v -> out.append('\n').append(v));
        return out.toString();
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private static String version() {
        String version = ApiCalls.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? "dev" : version;
    }
}
