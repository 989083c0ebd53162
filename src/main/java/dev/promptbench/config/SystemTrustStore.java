package dev.promptbench.config;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The operating system's trusted root certificates for {@code --trust-store system}: where a company
 * installs its TLS-inspecting proxy's CA, which the JDK's own store does not know. Windows has
 * {@code Windows-ROOT}; macOS has the keychain ({@code KeychainStore}, and {@code KeychainStore-ROOT}
 * for the system roots on JDKs that have it). Elsewhere the JDK's default store is used as is: Linux
 * distributions build it from the system's CA bundle.
 */
final class SystemTrustStore {
    /**
     * The certificates found and a safe description of where they came from.
     *
     * @param certificates empty when the JDK default is used
     * @param description  e.g. {@code Windows-ROOT (142 certificates)}
     */
    record Loaded(List<X509Certificate> certificates, String description) {}

    private SystemTrustStore() {}

    static Loaded load(String osName) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        List<String> types;
        if (os.startsWith("windows")) {
            types = List.of("Windows-ROOT");
        } else if (os.startsWith("mac")) {
            types = List.of("KeychainStore-ROOT", "KeychainStore");
        } else {
            return new Loaded(List.of(), "the JDK's store (on " + (osName == null ? "this system" : osName)
                    + " it is the system's: distributions build it from their CA bundle)");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (String type : types) {
            KeyStore store;
            try {
                store = KeyStore.getInstance(type);
            } catch (GeneralSecurityException e) {
                continue; // this JDK does not have that store type
            }
            try {
                store.load(null, null);
                int before = certificates.size();
                for (String alias : Collections.list(store.aliases())) {
                    Certificate certificate = store.getCertificate(alias);
                    if (certificate instanceof X509Certificate x509) {
                        certificates.add(x509);
                    }
                }
                found.add(type + " (" + (certificates.size() - before) + " certificates)");
            } catch (GeneralSecurityException | IOException e) {
                throw new ConfigException("--trust-store system: cannot read the " + type + " store ("
                        + (e instanceof IOException io ? IoReason.of(io)
                                : e.getMessage() != null ? e.getMessage() : "not a key store this Java reads") + ")");
            }
        }
        if (found.isEmpty()) {
            throw new ConfigException("--trust-store system: this Java has none of the " + String.join(", ", types)
                    + " stores; export your CA as PEM and pass --ca-cert FILE");
        }
        return new Loaded(certificates, String.join(" + ", found));
    }
}
