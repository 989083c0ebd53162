package dev.promptbench.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.Protocol;

/**
 * Bounds the whole set-up of a call's connection (DNS, TCP, a proxy's CONNECT, the TLS handshake) by the
 * connect timeout, from the first set-up event to the connection being acquired. OkHttp's own connect
 * timeout covers only the TCP connect: a TLS handshake that stalls would wait for the whole-call timeout
 * (minutes), as the read timeout that would bound it is off here. A call given a pooled connection never
 * starts the clock.
 */
final class SetUpDeadline extends EventListener {
    private final ScheduledExecutorService timer;
    private final Duration bound;
    private ScheduledFuture<?> pending;
    private boolean done;
    private volatile String expired;
    private volatile String phase = "no connection";

    SetUpDeadline(ScheduledExecutorService timer, Duration bound) {
        this.timer = timer;
        this.bound = bound;
    }

    /** What did not happen in time ({@code "no TLS handshake within 10s"}), or null while nothing expired. */
    String expired() {
        return expired;
    }

    private synchronized void start(Call call) {
        if (pending != null || done) return;
        try {
            pending = timer.schedule(() -> {
                synchronized (this) {
                    if (done) return;
                    expired = phase + " within " + ConnectProblem.format(bound);
                }
                call.cancel();
            }, bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // The responder is being closed: the call is cancelled anyway.
            done = true;
        }
    }

    private synchronized void stop() {
        done = true;
        if (pending != null) pending.cancel(false);
    }

    @Override public void proxySelectStart(Call call, HttpUrl url) { start(call); }

    @Override public void dnsStart(Call call, String domainName) {
        phase = "no DNS answer for " + domainName;
        start(call);
    }

    @Override public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
        phase = proxy.type() == Proxy.Type.DIRECT ? "no connection" : "no connection through the proxy";
        start(call);
    }

    @Override public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
        phase = "no connection set up";
    }

    @Override public void secureConnectStart(Call call) { phase = "no TLS handshake"; }

    @Override public void secureConnectEnd(Call call, Handshake handshake) { phase = "no connection set up"; }

    @Override public void connectionAcquired(Call call, Connection connection) { stop(); }

    @Override public void callEnd(Call call) { stop(); }

    @Override public void callFailed(Call call, IOException ioe) { stop(); }
}
