package dev.promptbench.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.tls.Certificates;

/**
 * Reads the CA certificates of a {@code --ca-cert} file: PEM with one or more certificates (other PEM
 * blocks, such as a private key, are skipped), or a single DER certificate as Windows exports it.
 */
final class CertificateFile {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----[^-]*-----END CERTIFICATE-----");
    private static final Pattern COMMON_NAME = Pattern.compile("(?:^|,)\\s*CN=((?:\\\\,|[^,])*)");

    private CertificateFile() {}

    /** The certificates in {@code path}; every problem is a one-line {@link ConfigException}. */
    static List<X509Certificate> read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ConfigException("--ca-cert " + path + " not found");
        } catch (IOException e) {
            throw new ConfigException("cannot read --ca-cert " + path + " (" + IoReason.of(e) + ")");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher blocks = PEM.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        while (blocks.find()) {
            try {
                certificates.add(Certificates.decodeCertificatePem(blocks.group()));
            } catch (Exception e) { // Kotlin code: a CertificateException may come undeclared
                throw new ConfigException("--ca-cert " + path + ": certificate " + (certificates.size() + 1)
                        + " is not a valid X.509 certificate");
            }
        }
        if (certificates.isEmpty()) {
            certificates.addAll(der(bytes, path));
        }
        return List.copyOf(certificates);
    }

    /** "Corp Root CA" from {@code CN=Corp Root CA,O=Corp}: how a certificate is named in messages. */
    static String name(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName();
        Matcher cn = COMMON_NAME.matcher(subject);
        return cn.find() ? cn.group(1).replace("\\,", ",") : subject;
    }

    private static List<X509Certificate> der(byte[] bytes, Path path) {
        // A DER certificate starts with an ASN.1 SEQUENCE; anything else is not a certificate file at all.
        if (bytes.length > 0 && bytes[0] == 0x30) {
            try {
                List<X509Certificate> out = new ArrayList<>();
                for (Certificate c : CertificateFactory.getInstance("X.509")
                        .generateCertificates(new ByteArrayInputStream(bytes))) {
                    out.add((X509Certificate) c);
                }
                if (!out.isEmpty()) {
                    return out;
                }
            } catch (CertificateException | ClassCastException e) {
                // fall through to the message below
            }
        }
        throw new ConfigException("--ca-cert " + path + " holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)");
    }
}
