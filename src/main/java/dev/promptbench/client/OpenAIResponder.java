package dev.promptbench.client;

import dev.promptbench.clock.Ticker;
import dev.promptbench.results.request.ConnectionTimes;
import dev.promptbench.results.request.RateLimitHeaders;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import okio.Okio;

/**
 * Sends chat-completions and Responses API requests, blocking or streamed, over one shared OkHttp client (pooled
 * connections sized to the run) and turns every answer or failure into an {@link Outcome} with the
 * call's {@link ConnectionTimes}.
 */
public final class OpenAIResponder implements Responder, AutoCloseable {
    /** Sent on retries only: the attempt number (2, 3, ...). */
    public static final String ATTEMPT_HEADER = "x-promptbench-attempt";


    private static final MediaType JSON = MediaType.get("application/json");
    private static final String EVENT_STREAM = "text/event-stream";
    private static final String USER_AGENT = "promptbench/" + version();
    /** Error bodies are read up to this size for their code and message; the rest is only counted. */
    private static final int ERROR_HEAD_LIMIT = 64 * 1024;
    /** How long an idle pooled connection is kept for reuse. */
    static final int IDLE_SECONDS = 4;

    private final OkHttpClient client;
    private final ChatBody chatBody;
    private final ResponsesBody responsesBody;
    private final FailureClassifier failures;
    private final BlockingAnswer blocking;
    private final StreamedAnswer streamed;
    /** Each endpoint's URL, parsed once: parsing it per request cost ~1.6 KB of garbage and a few µs each. */
    private final Map<URI, HttpUrl> urls = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor setUpTimer;
    /** The highest rate limits each URL reported, so a lowered one tells a capacity cut. */
    private final LimitPeaks limitPeaks = new LimitPeaks();
    private final KeepAliveTimeouts keepAlive;
    private final Ticker ticker;
    private final Duration connectTimeout;
    private final BoundedDns dns;
    private volatile String lastProtocol;
    private volatile boolean closed;

    /**
     * A responder with its own connection pool; close it at the end of the run.
     *
     * @param ticker times each call
     * @param wall   dates HTTP-date {@code retry-after} values
     */
    public OpenAIResponder(ClientSettings settings, Ticker ticker, Clock wall) {
        this(settings, ticker, wall, Dns.SYSTEM);
    }

    /**
     * A responder for plain {@code http://} endpoints only: it sets up no TLS, whose trust store (the
     * JDK's ~150 root certificates, parsed) costs a start tens of milliseconds. An {@code https://} URL
     * fails on it as a transport error.
     */
    public static OpenAIResponder plainHttpOnly(ClientSettings settings, Ticker ticker, Clock wall) {
        return new OpenAIResponder(settings, wall, Dns.SYSTEM, false, ticker);
    }

    /** {@code dns} lets a test give a non-loopback name to a local server (proxy bypass rules). */
    OpenAIResponder(ClientSettings settings, Ticker ticker, Clock wall, Dns dns) {
        this(settings, wall, dns, true, ticker);
    }

    private OpenAIResponder(ClientSettings settings, Clock clock, Dns dns, boolean tls, Ticker ticker) {
        this.ticker = ticker;
        this.keepAlive = new KeepAliveTimeouts(ticker::nanoTime);
        Dispatcher dispatcher = new Dispatcher();
        // Only async calls are limited by these, but keep them from capping a large run if used.
        dispatcher.setMaxRequests(settings.maxConnections());
        dispatcher.setMaxRequestsPerHost(settings.maxConnections());
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                // OkHttp keeps only 5 idle connections by default; above that, every worker that finishes
                // closes its connection and the next request dials again (about -10 % throughput, 2x p99).
                // An idle connection is dropped after 4 s, below the shortest common server keep-alive (Node's
                // 5 s; nginx 75 s): reusing one the server has probably closed fails the request on it.
                .connectionPool(new ConnectionPool(settings.maxConnections(), IDLE_SECONDS, TimeUnit.SECONDS))
                .addNetworkInterceptor(keepAlive)
                .callTimeout(settings.requestTimeout())
                .connectTimeout(settings.connectTimeout())
                // The call timeout bounds everything; OkHttp's default 10 s read timeout would cut slow models.
                // (Each read of a streamed answer is also bounded by the stream idle timeout: StreamedAnswer.)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                // A silent resend would hide a failure and could bill twice; retries are a decorator's job.
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                // --connect-timeout bounds the name lookup too: OkHttp's would wait for the system resolver.
                .dns(this.dns = new BoundedDns(dns, settings.connectTimeout()));
        // Proxies from --proxy or the environment (OkHttp ignores HTTPS_PROXY by itself), extra trust, --insecure.
        NetworkSetup.apply(http, settings.network());
        if (!tls) {
            http.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        if (settings.network().http11Only()) {
            // --http1.1: ALPN offers only http/1.1, so each worker gets its own connection from the pool.
            http.protocols(List.of(Protocol.HTTP_1_1));
        }
        this.client = http.build();
        this.connectTimeout = settings.connectTimeout();
        this.setUpTimer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "promptbench-connect-deadline");
            thread.setDaemon(true);
            return thread;
        });
        // A deadline is cancelled by nearly every call (its connection came in time): drop it at once.
        setUpTimer.setRemoveOnCancelPolicy(true);
        WireCodec codec = new WireCodec();
        this.chatBody = new ChatBody(codec);
        this.responsesBody = new ResponsesBody(codec);
        this.failures = new FailureClassifier(codec.trees(), clock, settings.requestTimeout(),
                settings.connectTimeout(), ticker);
        this.blocking = new BlockingAnswer(codec.completions(), codec.responses(), failures);
        this.streamed = new StreamedAnswer(codec.chunks(), codec.responseEvents(), codec.trees(), failures,
                settings.streamIdleTimeout());
    }

    @Override
    public Outcome call(ChatRequest request, Endpoint endpoint) {
        return call(request, endpoint, null);
    }

    /**
     * This responder with another bound on each whole call (the canary's own), over the same
     * connections.
     */
    public Responder withCallTimeout(Duration callTimeout) {
        return (request, endpoint) -> call(request, endpoint, callTimeout);
    }

    private Outcome call(ChatRequest request, Endpoint endpoint, Duration callTimeout) {
        if (Thread.currentThread().isInterrupted() || closed) {
            // The run is being cancelled: send nothing more.
            return failures.beforeSend(ErrorKind.INTERRUPTED,
                    closed ? "cancelled: the client was closed" : "interrupted", null);
        }
        String headerValue;
        try {
            headerValue = endpoint.credential().headerValue();
        } catch (RuntimeException e) {
            return failures.beforeSend(ErrorKind.UNAUTHORIZED,
                    "credential " + endpoint.credential().describe() + " failed: " + e.getMessage(), null);
        }
        HttpUrl url = urls.computeIfAbsent(endpoint.requestUrl(), u -> HttpUrl.parse(u.toString()));
        if (url == null) {
            return failures.beforeSend(ErrorKind.NOT_FOUND, "not an http(s) URL: " + endpoint.displayUrl(),
                    headerValue);
        }
        Request.Builder builder = new Request.Builder().url(url);
        try {
            builder.header(endpoint.credential().headerName(), headerValue);
        } catch (IllegalArgumentException e) {
            // OkHttp's message would quote the value: say only what is wrong.
            return failures.beforeSend(ErrorKind.UNAUTHORIZED, "credential " + endpoint.credential().describe()
                    + " is not a valid HTTP header (empty name or control characters)", headerValue);
        }
        byte[] body;
        try {
            body = endpoint.api() == Api.RESPONSES ? responsesBody.bytes(request, endpoint)
                    : chatBody.bytes(request, endpoint);
        } catch (IOException e) {
            return failures.beforeSend(ErrorKind.BAD_REQUEST,
                    "request body could not be written: " + e.getMessage(), headerValue);
        }
        if (request.attempt() > 1) {
            // Lets a simulator key its seeded draws by attempt, so a retry is not a replay of the failure.
            builder.header(ATTEMPT_HEADER, Integer.toString(request.attempt()));
        }
        // A streamed request also accepts JSON: some servers answer a stream request with one JSON body, and a
        // strict gateway answers 406 to an Accept that leaves out what the service would send.
        builder.header("Accept", request.stream() ? EVENT_STREAM + ", application/json" : "application/json")
                .header("User-Agent", USER_AGENT);
        // The extra headers' values may be secrets too (a gateway's subscription key): redacted like the key.
        String secrets = secrets(headerValue, endpoint);
        for (Map.Entry<String, String> extra : endpoint.headers().entrySet()) {
            try {
                builder.header(extra.getKey(), extra.getValue());
            } catch (IllegalArgumentException e) {
                return failures.beforeSend(ErrorKind.BAD_REQUEST, "header " + extra.getKey()
                        + " is not a valid HTTP header (empty name or control characters)", secrets);
            }
        }
        Request http = builder.post(RequestBody.create(body, JSON)).build();
        return execute(http, request.stream(), endpoint.api(), secrets, callTimeout);
    }

    /** The credential value and the extra header values, joined as {@link SafeText#line} takes them. */
    private static String secrets(String headerValue, Endpoint endpoint) {
        if (endpoint.headers().isEmpty()) {
            return headerValue;
        }
        StringBuilder out = new StringBuilder(headerValue == null ? "" : headerValue);
        for (String value : endpoint.headers().values()) {
            out.append('\n').append(value);
        }
        return out.toString();
    }

    private Outcome execute(Request http, boolean stream, Api api, String headerValue, Duration callTimeout) {
        Sent first = executeOnce(http, stream, api, headerValue, callTimeout, true);
        if (!first.stale()) return first.outcome();
        // It failed on a reused connection before any byte of the answer: the server had most likely closed that
        // connection (it went idle too long), so nothing reached it. Sent once more on a fresh connection, and
        // not counted as a retry; the other idle connections are dropped as probably stale too.
        client.connectionPool().evictAll();
        return executeOnce(http, stream, api, headerValue, callTimeout, false).outcome();
    }

    /** One call's outcome, and whether it failed on a stale pooled connection before anything came back. */
    private record Sent(Outcome outcome, boolean stale) {}

    private Sent executeOnce(Request http, boolean stream, Api api, String headerValue, Duration callTimeout,
                             boolean mayResend) {
        CallTrace trace = new CallTrace(ticker);
        Call call = client.newCall(http);
        if (callTimeout != null) call.timeout().timeout(callTimeout.toNanos(), TimeUnit.NANOSECONDS);
        call.addEventListener(trace);
        SetUpDeadline setUp = new SetUpDeadline(setUpTimer, connectTimeout);
        call.addEventListener(setUp);
        call.addEventListener(keepAlive);
        trace.markSent();
        Outcome outcome;
        RateLimitHeaders rateLimits = RateLimitHeaders.NONE;
        try (Response response = call.execute()) {
            lastProtocol = response.protocol().toString();
            rateLimits = RateLimitHeaders.read(response::header);
            RateLimitHeaders peak = limitPeaks.record(http.url(), rateLimits);
            trace.markResponse(response.code(), requestId(response));
            if (!response.isSuccessful()) {
                outcome = readError(response, trace, headerValue, rateLimits, peak);
            } else if (isEventStream(response, stream)) {
                outcome = streamed.read(response, call, trace, headerValue, api);
            } else {
                // Also a stream request's JSON answer: some compatible servers ignore "stream".
                outcome = blocking.read(response, trace, headerValue, api);
            }
        } catch (Exception e) {
            // Not only IOException: OkHttp 5 throws InterruptedException undeclared while connecting, and a
            // per-request problem must come back as a value, never end the run.
            String expired = setUp.expired();
            if (mayResend && expired == null && !closed && !call.isCanceled() && e instanceof IOException
                    && !Thread.currentThread().isInterrupted() && trace.failedOnReusedConnectionBeforeAnswer()) {
                return new Sent(null, true);
            }
            outcome = expired != null && !closed ? failures.connectFailed(expired, trace)
                    : failures.transport(e, trace, call.isCanceled(), closed, headerValue, http.url().host(),
                            callTimeout);
        }
        return new Sent(withConnection(outcome, trace.connectionTimes(), rateLimits), false);
    }

    /**
     * SSE by its media type; an untyped answer to a stream request is taken as SSE too. Reads the header
     * as text: OkHttp's MediaType parse is a regex match per response.
     */
    private static boolean isEventStream(Response response, boolean streamRequested) {
        String type = response.header("Content-Type");
        if (type == null) {
            return streamRequested;
        }
        int end = type.indexOf(';');
        return (end < 0 ? type : type.substring(0, end)).strip().equalsIgnoreCase(EVENT_STREAM);
    }

    private static Outcome withConnection(Outcome outcome, ConnectionTimes connection, RateLimitHeaders rateLimits) {
        return outcome instanceof Outcome.Success s ? s.withConnection(connection, rateLimits)
                : ((Outcome.Failure) outcome).withConnection(connection, rateLimits);
    }

    private Outcome readError(Response response, CallTrace trace, String headerValue, RateLimitHeaders rateLimits,
                              RateLimitHeaders peak) throws IOException {
        BufferedSource source = response.body().source();
        if (source.request(1)) {
            trace.markFirstByte();
        }
        source.request(ERROR_HEAD_LIMIT);
        byte[] head = source.readByteArray(Math.min(source.getBuffer().size(), ERROR_HEAD_LIMIT));
        long total = head.length + source.readAll(Okio.blackhole());
        return failures.httpFailure(response.code(), trace.requestId(), trace.timing(trace.now()), head, total,
                response.header("Content-Type"), response.header("retry-after-ms"), response.header("retry-after"), headerValue,
                rateLimits, peak);
    }

    private static String requestId(Response response) {
        String id = response.header("apim-request-id");
        if (id == null || id.isBlank()) {
            id = response.header("x-request-id");
        }
        return id == null || id.isBlank() ? null : id;
    }

    /** The protocol of the last response, {@code http/1.1} or {@code h2}; null before the first one. */
    public String lastProtocol() {
        return lastProtocol;
    }

    /** Closes idle connections, e.g. after a warm-up against another server. */
    public void evictConnections() {
        client.connectionPool().evictAll();
    }

    /**
     * Cancels calls still running (they come back as INTERRUPTED), stops OkHttp's threads and
     * closes pooled connections. Later calls fail at once.
     */
    @Override
    public void close() {
        closed = true;
        client.dispatcher().cancelAll();
        setUpTimer.shutdownNow();
        dns.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    OkHttpClient httpClient() {
        return client;
    }

    ConnectionPool connectionPool() {
        return client.connectionPool();
    }

    private static String version() {
        String version = OpenAIResponder.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? "dev" : version;
    }
}
