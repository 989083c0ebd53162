package dev.promptbench.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The network flags exactly as given; null or empty means the flag was not passed.
 *
 * @param proxy      {@code --proxy}: a proxy URL (credentials allowed, never printed), or {@code none}
 * @param caCerts    {@code --ca-cert} files (PEM) whose certificates are trusted too
 * @param trustStore {@code --trust-store}: {@code jdk} (the default) or {@code system}
 * @param insecure   {@code --insecure}: no certificate or host name checks
 */
public record NetworkFlags(String proxy, List<Path> caCerts, String trustStore, boolean insecure) {

    /** {@code --trust-store} value: the JDK's store only. */
    public static final String TRUST_JDK = "jdk";
    /** {@code --trust-store} value: the operating system's store as well. */
    public static final String TRUST_SYSTEM = "system";

    public NetworkFlags {
        caCerts = caCerts == null ? List.of() : List.copyOf(caCerts);
    }

    /** No flag given: the environment's proxy variables and the JDK's trust apply. */
    public static NetworkFlags none() {
        return new NetworkFlags(null, List.of(), null, false);
    }
}
