package dev.promptbench.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/**
 * Says in plain words why a connection could not be set up ("connection refused", "unknown host x",
 * "no connection within 10s"), so the one line a user reads names the cause, not a Java exception.
 */
final class ConnectProblem {
    private ConnectProblem() {}

    /**
     * The cause of {@code e} as a person would say it, or null when it is none of the usual ones.
     *
     * @param host           the host the call was for, named for an unknown host
     * @param connectTimeout the bound a connect timeout ran into
     */
    static String describe(Throwable e, String host, Duration connectTimeout) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof BoundedDns.Stalled) {
                return t.getMessage();
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + (host != null ? host : t.getMessage());
            }
            if (t instanceof ConnectException && message.contains("refused")) {
                return "connection refused";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof SocketTimeoutException && message.contains("connect")) {
                return "no connection within " + format(connectTimeout);
            }
        }
        return null;
    }

    /** {@code 10s}, or {@code 300ms} when not whole seconds: as the flags are written. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
