package dev.promptbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.client.NetworkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.List;
import java.util.Map;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network flags and proxy variables turned into settings, with every problem a one-line config error. */
class NetworkResolverTest {
    private static final HeldCertificate ROOT = new HeldCertificate.Builder().commonName("Corp Root CA")
            .certificateAuthority(1).build();
    private static final HeldCertificate PROXY_CA = new HeldCertificate.Builder().commonName("Inspecting Proxy, Inc")
            .certificateAuthority(0).signedBy(ROOT).build();

    @TempDir
    Path dir;

    private static NetworkSettings resolve(NetworkFlags flags, Map<String, String> env) {
        return new NetworkResolver(env, "Linux").resolve(flags);
    }

    private static NetworkFlags caCerts(Path... files) {
        return new NetworkFlags(null, List.of(files), null, false);
    }

    @Test
    void nothingGivenIsTheSystemDefault() {
        NetworkSettings settings = resolve(NetworkFlags.none(), Map.of());
        assertTrue(settings.defaultTls());
        assertFalse(settings.proxy().configured());
        assertEquals(NetworkSettings.JDK_DEFAULT, settings.trustDescription());
    }

    @Test
    void aPemBundleAddsEveryCertificateAndSkipsOtherBlocks() throws IOException {
        Path bundle = Files.writeString(dir.resolve("corp.pem"), "# corporate bundle\n" + PROXY_CA.certificatePem()
                + PROXY_CA.privateKeyPkcs8Pem() + ROOT.certificatePem());

        NetworkSettings settings = resolve(caCerts(bundle), Map.of());

        assertEquals(List.of(PROXY_CA.certificate(), ROOT.certificate()), settings.trustedCertificates());
        assertEquals("JDK default + 2 certificates from --ca-cert " + bundle
                + " (Inspecting Proxy, Inc; Corp Root CA)", settings.trustDescription());
    }

    @Test
    void aDerCertificateAsWindowsExportsItWorksToo() throws IOException, CertificateEncodingException {
        Path der = Files.write(dir.resolve("root.cer"), ROOT.certificate().getEncoded());
        assertEquals(List.of(ROOT.certificate()), resolve(caCerts(der), Map.of()).trustedCertificates());
    }

    @Test
    void badCertificateFilesAreOneLine() throws IOException {
        Path missing = dir.resolve("missing.pem");
        assertEquals("--ca-cert " + missing + " not found",
                assertThrows(ConfigException.class, () -> resolve(caCerts(missing), Map.of())).getMessage());
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a certificate");
        assertEquals("--ca-cert " + text + " holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)",
                assertThrows(ConfigException.class, () -> resolve(caCerts(text), Map.of())).getMessage());
        Path broken = Files.writeString(dir.resolve("broken.pem"),
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertEquals("--ca-cert " + broken + ": certificate 1 is not a valid X.509 certificate",
                assertThrows(ConfigException.class, () -> resolve(caCerts(broken), Map.of())).getMessage());
    }

    @Test
    void insecureTakesNoTrustOptions() throws IOException {
        Path pem = Files.writeString(dir.resolve("ca.pem"), ROOT.certificatePem());
        assertThrows(ConfigException.class, () -> resolve(new NetworkFlags(null, List.of(pem), null, true), Map.of()));
        NetworkSettings insecure = resolve(new NetworkFlags(null, List.of(), null, true), Map.of());
        assertTrue(insecure.insecure());
        assertTrue(insecure.describe().contains("tls = NOT verified: any certificate, any host name (from --insecure)"));
    }

    @Test
    void systemTrustOnLinuxIsTheJdkStoreAndSaysSo() {
        NetworkSettings settings = resolve(new NetworkFlags(null, List.of(), "system", false), Map.of());
        assertTrue(settings.trustedCertificates().isEmpty());
        assertTrue(settings.trustDescription().startsWith("JDK default + --trust-store system: the JDK's store (on"
                + " Linux it is the system's"), settings.trustDescription());
        assertThrows(ConfigException.class,
                () -> resolve(new NetworkFlags(null, List.of(), "windows", false), Map.of()));
    }

    @Test
    void aBadProxyIsAConfigErrorWithoutItsPassword() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> resolve(NetworkFlags.none(), Map.of("HTTPS_PROXY", "http://me:HUSH@proxy:port")));
        assertEquals("$HTTPS_PROXY http://***@proxy:port: the port must be a number 1..65535", e.getMessage());
    }

    @Test
    void theProxyComesFromTheEnvironmentAndTheFlag() {
        NetworkSettings settings = resolve(new NetworkFlags("http://u:HUSH@flag-proxy:3128", List.of(), null, false),
                Map.of("HTTPS_PROXY", "http://env-proxy:1"));
        assertEquals("flag-proxy", settings.proxy().https().host());
        assertFalse(String.join("\n", settings.describe()).contains("HUSH"));
    }
}
