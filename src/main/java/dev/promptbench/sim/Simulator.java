package dev.promptbench.sim;

import dev.promptbench.clock.Clocks;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * promptbench's built-in OpenAI-compatible chat-completions server on loopback, with a realistic
 * latency model, for runs without an endpoint, for tests and for {@code promptbench simulate}.
 *
 * <p>Why the JDK's {@code com.sun.net.httpserver} and delayed completion: it costs no dependency and,
 * with {@code TCP_NODELAY}, serves more requests per second than the clients it is measured with. A
 * simulated answer takes hundreds of milliseconds, so a thread that sleeps through each one would
 * need 512 threads for 512 requests in flight. Instead the handler reads and answers the request at
 * once, and a single timer thread hands the finished response to a worker when its time comes: four
 * workers and one timer hold any number of slow requests. The JDK server allows an exchange to be
 * completed later from another thread; it only needs the response body closed. A streamed answer works
 * the same way, one event write at a time (see {@link StreamSender}).
 *
 * <p>With {@link SimulatorTls} it serves HTTPS through the JDK's {@code HttpsServer}, which speaks
 * HTTP/1.1 only: the JDK has no HTTP/2 server, so a client always negotiates {@code http/1.1} here.
 */
public final class Simulator implements AutoCloseable {

    /** Handler threads kept; more are made while clients stalled mid-request hold them (see HandlerPool). */
    private static final int WORKERS = 4;
    /**
     * The most handler threads: each client stalled mid-request holds one until the server's request
     * timeout, so there must be room for many of them beside the real work.
     */
    private static final int MAX_WORKERS = 256;
    /** How long a client may take to send its whole request before its connection is closed. */
    static final int REQUEST_TIMEOUT_SECONDS = 30;
    /** The most bytes of request line and headers accepted (the JDK's own default is 384 KiB). */
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int BACKLOG = 1024;
    /** A request body larger than this is refused: prompts are text, this is plenty. */
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final HttpServer server;
    private final SimulatorTls tls;
    private final HandlerPool workers;
    private final ScheduledExecutorService timer;
    private final ChatCompletions completions;
    private final BatchApi batchApi;
    private final Timetable timetable;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Simulator(SimulatorSettings settings, SimulatorTls tls, Clocks clocks) throws IOException {
        this.tls = tls;
        InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
        if (address.isUnresolved()) {
            throw new UnknownHostException("cannot resolve host " + settings.host());
        }
        LongSupplier nanoTime = clocks.ticker()::nanoTime;
        this.completions = new ChatCompletions(settings, clocks.wall(), nanoTime);
        this.batchApi = new BatchApi(settings, completions, received::incrementAndGet, clocks.wall(), nanoTime);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, threads("timer"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.timer = scheduler;
        this.workers = HandlerPool.create(WORKERS, MAX_WORKERS, threads("worker"), timer, clocks.ticker());
        // The stall is counted from here: the server starts listening right after.
        this.timetable = new Timetable(timer, workers,
                new StallWindow(settings.stall(), nanoTime.getAsLong()), nanoTime);
        try {
            this.server = tls == null ? HttpServer.create(address, BACKLOG) : https(address, tls);
        } catch (IOException | RuntimeException e) {
            workers.shutdownNow();
            timer.shutdownNow();
            batchApi.close();
            throw e;
        }
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /**
     * Starts a simulator and returns once it accepts connections.
     *
     * @param clocks its ticker times the latency model, the rate limits and batches, and its wall clock dates
     *               answers and batches; the timers that deliver the answers are real, so give it the system's
     *               ticker (or one that keeps pace with it)
     * @throws java.net.BindException if the port is taken
     * @throws IOException            if the server cannot bind for another reason
     */
    public static Simulator start(SimulatorSettings settings, Clocks clocks) throws IOException {
        return start(settings, null, clocks);
    }

    /**
     * Starts a simulator serving HTTPS (HTTP/1.1 only) with {@code tls}'s certificate, or plain HTTP when
     * {@code tls} is null, and returns once it accepts connections.
     *
     * @throws java.net.BindException if the port is taken
     * @throws IOException            if the server cannot bind for another reason
     */
    public static Simulator start(SimulatorSettings settings, SimulatorTls tls, Clocks clocks) throws IOException {
        check(settings);
        tuneJdkServer();
        Simulator simulator = new Simulator(settings, tls, clocks);
        simulator.server.start();
        return simulator;
    }

    private static HttpsServer https(InetSocketAddress address, SimulatorTls tls) throws IOException {
        HttpsServer https = HttpsServer.create(address, BACKLOG);
        https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        return https;
    }

    /** Whether this simulator serves HTTPS. */
    public boolean tls() {
        return tls != null;
    }

    /** Scheme, host and port, e.g. {@code http://127.0.0.1:43123} or {@code https://127.0.0.1:43123}. */
    public URI baseUri() {
        InetSocketAddress address = server.getAddress();
        try {
            // This constructor brackets an IPv6 literal.
            return new URI(tls != null ? "https" : "http", null, address.getAddress().getHostAddress(),
                    address.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bound address does not form a URI", e);
        }
    }

    /** The port the simulator listens on (the chosen one when started with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Responses written so far, errors included. */
    public long requestCount() {
        return answered.get();
    }

    /** The most requests that were received but not yet answered at one time. */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    /**
     * Holds every answer (each at its next write: the headers, or a stream's next event) until
     * {@link #releaseAnswers()}: a stall ended by hand, for tests that need a burst received in full first.
     */
    void holdAnswers() {
        timetable.hold();
    }

    /** Waits until {@code count} answers are held by {@link #holdAnswers()}; false on timeout. */
    boolean awaitHeldAnswers(int count, Duration timeout) throws InterruptedException {
        return timetable.awaitHeld(count, timeout);
    }

    /** Lets the held answers go, each at its own due time or at once when overdue. */
    void releaseAnswers() {
        timetable.release();
    }

    /** Handler threads busy right now: reading a request, answering, or held by a stalled client. */
    int activeHandlers() {
        return workers.getActiveCount();
    }

    /** Stops at once: answers still waiting for their time are dropped with their connections. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // a shutdown hook and the owner may both close
        }
        timer.shutdownNow();
        server.stop(0);
        workers.shutdownNow();
        batchApi.close();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
            workers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until the batch {@code id} has ended (completed, failed, expired or cancelled), so a test
     * need not poll; false if {@code timeout} passed first.
     *
     * @throws IllegalArgumentException if there is no such batch
     */
    public boolean awaitBatch(String id, Duration timeout) throws InterruptedException {
        return batchApi.awaitBatch(id, timeout);
    }

    /** Waits until {@code lines} lines of batch {@code id} are answered or it has ended; false on timeout. */
    boolean awaitBatchLines(String id, int lines, Duration timeout) throws InterruptedException {
        return batchApi.awaitAnswered(id, lines, timeout);
    }

    private void handle(HttpExchange exchange) {
        workers.reachedHandler();
        long arrival = timetable.now();
        long number = received.incrementAndGet();
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        java.util.Optional<BatchRoute> batchRoute = BatchRoute.match(exchange.getRequestURI().getPath());
        if (batchRoute.isPresent()) {
            serveBatchApi(exchange, batchRoute.get());
            return;
        }
        SimResponse response;
        try {
            byte[] body = readBody(exchange.getRequestBody());
            response = body == null ? ApiErrors.tooLarge(MAX_BODY)
                    : completions.answer(new SimRequest(exchange.getRequestMethod(),
                            exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                            exchange.getRequestHeaders(), body, number));
        } catch (IOException e) {
            finish(exchange); // the client went away mid-request: nobody to answer
            return;
        } catch (RuntimeException e) {
            response = ApiErrors.internal();
        }
        long due = arrival + Math.max(0, response.delay().toNanos());
        if (response.streaming()) {
            new StreamSender(exchange, response, due, timetable, answered, () -> finish(exchange)).run();
            return;
        }
        long wait = timetable.waitFor(due);
        if (wait <= 0) {
            send(exchange, response);
            return;
        }
        SimResponse later = response;
        if (!timetable.later(wait, () -> send(exchange, later), () -> finish(exchange))) {
            finish(exchange);
        }
    }

    /** Files and batches are answered at once; an upload is read as a stream, a download sent as one. */
    private void serveBatchApi(HttpExchange exchange, BatchRoute route) {
        BatchApi.Reply reply;
        try {
            reply = batchApi.serve(route, exchange.getRequestMethod(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), exchange.getRequestBody());
        } catch (IOException e) {
            finish(exchange); // the client went away mid-request: nobody to answer
            return;
        } catch (RuntimeException e) {
            reply = BatchApi.Reply.json(ApiErrors.internal());
        }
        if (reply.download() == null) {
            send(exchange, reply.response());
            return;
        }
        try (InputStream in = Files.newInputStream(reply.download().path())) {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            answered.incrementAndGet();
            long length = reply.download().bytes();
            exchange.sendResponseHeaders(200, length == 0 ? -1 : length);
            try (OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        } catch (IOException e) {
            // The client went away mid-download, or the file was deleted meanwhile.
        } finally {
            finish(exchange);
        }
    }

    private void send(HttpExchange exchange, SimResponse response) {
        try {
            response.headers().forEach(exchange.getResponseHeaders()::set);
            byte[] body = exchange.getRequestMethod().equals("HEAD") ? new byte[0] : response.body();
            // A fixed Content-Length, never chunked: it is what the services send for JSON answers.
            // Counted before the bytes go out, so a client holding its answer always sees it counted.
            answered.incrementAndGet();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            OutputStream out = exchange.getResponseBody();
            if (response.delivery() == SimResponse.Delivery.CUT_MID_BODY && body.length > 0) {
                out.write(body, 0, body.length / 2);
                out.flush();
                // Left unclosed on purpose: closing the exchange with bytes still owed makes the JDK
                // server drop the connection, which the client sees as a reset mid-body.
                return;
            }
            try (out) {
                out.write(body);
            }
        } catch (IOException e) {
            answered.decrementAndGet(); // the client left before its answer was due; none was given
        } finally {
            finish(exchange);
        }
    }

    private void finish(HttpExchange exchange) {
        exchange.close();
        inFlight.decrementAndGet();
    }

    /** The whole body, or null if it exceeds {@link #MAX_BODY}. */
    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            return body.length > MAX_BODY ? null : body;
        }
    }

    private ThreadFactory threads(String role) {
        return task -> {
            Thread thread = new Thread(task, "promptbench-sim-" + role + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true); // an unclosed simulator must not keep the JVM alive
            return thread;
        };
    }

    /**
     * The JDK server reads these once, when its configuration class loads, so they are set before
     * the first server is created. Without nodelay every response waits ~40 ms (Nagle's algorithm
     * against delayed ACKs: headers and body are written separately); with the default limit of 200
     * idle connections, clients with more connections see spurious closes. A client that stops
     * halfway through its request is cut off after the request timeout (the server's own default is
     * to wait for ever), and the request line and headers are bounded.
     */
    private static void tuneJdkServer() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.setProperty("sun.net.httpserver.maxIdleConnections", "1024");
        System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(REQUEST_TIMEOUT_SECONDS));
        System.setProperty("sun.net.httpserver.maxReqHeaderSize", Integer.toString(MAX_HEADER_BYTES));
    }

    private static void check(SimulatorSettings s) {
        if (s.host() == null || s.host().isBlank()) {
            throw new IllegalArgumentException("host must be given");
        }
        if (s.port() < 0 || s.port() > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + s.port());
        }
        SimulatorSettings.Answers a = s.answers();
        requireNonNegative(a.ttftMedian(), "ttftMedian");
        requireNonNegative(a.tokenDelay(), "tokenDelay");
        if (!(a.ttftSigma() >= 0) || Double.isInfinite(a.ttftSigma())) {
            throw new IllegalArgumentException("ttftSigma must be a finite number >= 0, got " + a.ttftSigma());
        }
        if (a.tokensMedian() < 1) {
            throw new IllegalArgumentException("tokensMedian must be >= 1, got " + a.tokensMedian());
        }
        if (a.tokensPerChunk() < 1 || a.tokensPerChunk() > SimulatorSettings.MAX_TOKENS_PER_CHUNK) {
            throw new IllegalArgumentException("tokensPerChunk must be 1.." + SimulatorSettings.MAX_TOKENS_PER_CHUNK
                    + ", got " + a.tokensPerChunk());
        }
        // Faults, limits, access and stall check themselves when built; the canonical constructor fills nulls.
    }

    private static void requireNonNegative(Duration duration, String name) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be a duration >= 0");
        }
    }
}
