package dev.promptbench.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Dns;

/**
 * Name lookups bounded by the connect timeout. The system resolver blocks in native code that neither
 * cancelling the call nor interrupting the thread can cut short, so each lookup runs on a thread of its own
 * and the caller stops waiting when the bound passes ({@link Stalled}); a stalled lookup is left to finish
 * (or fail) on its own daemon thread.
 */
final class BoundedDns implements Dns, AutoCloseable {
    private final Dns delegate;
    private final Duration bound;
    private final ExecutorService lookups = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "promptbench-dns");
        thread.setDaemon(true);
        return thread;
    });

    BoundedDns(Dns delegate, Duration bound) {
        this.delegate = delegate;
        this.bound = bound;
    }

    @Override
    public List<InetAddress> lookup(String host) throws UnknownHostException {
        Future<List<InetAddress>> answer;
        try {
            answer = lookups.submit(() -> delegate.lookup(host));
        } catch (RejectedExecutionException closing) {
            throw new UnknownHostException(host + " (the client is closing)");
        }
        try {
            return answer.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new Stalled(host, bound);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host + " (interrupted)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) throw unknown;
            UnknownHostException failed = new UnknownHostException(host);
            failed.initCause(e.getCause());
            throw failed;
        }
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }

    /** The resolver did not answer within the connect timeout. */
    static final class Stalled extends UnknownHostException {
        Stalled(String host, Duration bound) {
            super("no DNS answer for " + host + " within " + ConnectProblem.format(bound));
        }
    }
}
