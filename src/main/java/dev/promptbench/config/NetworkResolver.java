package dev.promptbench.config;

import dev.promptbench.client.NetworkSettings;
import dev.promptbench.client.ProxySettings;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the network flags and the proxy environment variables into {@link NetworkSettings}, reading the
 * certificate files and the system store up front so that a problem is a configuration error (exit 2),
 * not a failure of the first request.
 */
public final class NetworkResolver {
    private final Map<String, String> env;
    private final String osName;

    /** @param env the environment variables: {@code System.getenv()} in the CLI, a plain map in tests */
    public NetworkResolver(Map<String, String> env) {
        this(env, System.getProperty("os.name"));
    }

    NetworkResolver(Map<String, String> env, String osName) {
        this.env = Map.copyOf(env);
        this.osName = osName;
    }

    /** The settings for {@code flags}; throws {@link ConfigException}. */
    public NetworkSettings resolve(NetworkFlags flags) {
        ProxySettings proxy;
        try {
            proxy = ProxySettings.resolve(flags.proxy(), env);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        String trustStore = flags.trustStore() == null ? NetworkFlags.TRUST_JDK : flags.trustStore();
        if (!trustStore.equals(NetworkFlags.TRUST_JDK) && !trustStore.equals(NetworkFlags.TRUST_SYSTEM)) {
            throw new ConfigException("--trust-store must be jdk or system, not '" + trustStore + "'");
        }
        if (flags.insecure()) {
            if (!flags.caCerts().isEmpty() || trustStore.equals(NetworkFlags.TRUST_SYSTEM)) {
                throw new ConfigException("--insecure trusts every certificate: leave out --ca-cert and --trust-store");
            }
            return new NetworkSettings(proxy, List.of(), "none (--insecure)", true);
        }
        List<X509Certificate> trusted = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        sources.add(NetworkSettings.JDK_DEFAULT);
        if (trustStore.equals(NetworkFlags.TRUST_SYSTEM)) {
            SystemTrustStore.Loaded system = SystemTrustStore.load(osName);
            trusted.addAll(system.certificates());
            sources.add(system.certificates().isEmpty() ? "--trust-store system: " + system.description()
                    : "the system's " + system.description() + " (from --trust-store system)");
        }
        for (Path file : flags.caCerts()) {
            List<X509Certificate> certificates = CertificateFile.read(file);
            trusted.addAll(certificates);
            List<String> names = new ArrayList<>();
            certificates.forEach(c -> names.add(CertificateFile.name(c)));
            sources.add(certificates.size() + (certificates.size() == 1 ? " certificate" : " certificates")
                    + " from --ca-cert " + file + " (" + String.join("; ", names) + ")");
        }
        return new NetworkSettings(proxy, trusted, String.join(" + ", sources), false);
    }
}
