package dev.promptbench.client;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Recognises a rejected server certificate in a transport exception and says, in one line, what to do
 * about it. Behind a TLS-inspecting proxy every HTTPS call fails this way, and Java's own message
 * ({@code PKIX path building failed: ...SunCertPathBuilderException...}) tells a user nothing.
 */
final class TlsDiagnosis {
    /** The options that fix an untrusted certificate, named in every message. */
    static final String TRUST_FIX = "behind a TLS-inspecting proxy? pass --ca-cert FILE (your proxy's CA, PEM)"
            + " or --trust-store system";

    private static final int MAX_DEPTH = 12;

    private TlsDiagnosis() {}

    /**
     * The one-line message when {@code e} (or a cause) is a certificate rejection, else null.
     *
     * @param host the host the request was for, or null
     */
    static String describe(Throwable e, String host) {
        String who = host == null ? "the server" : host;
        boolean pkixBuild = false;
        CertPathValidatorException validation = null;
        Throwable certificateProblem = null;
        int depth = 0;
        for (Throwable t = e; t != null && depth < MAX_DEPTH; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                return expired(who);
            }
            if (t instanceof SSLPeerUnverifiedException && t.getMessage() != null
                    && t.getMessage().startsWith("Hostname ")) {
                return "TLS: the certificate of " + who + " is for another host name — check the endpoint URL"
                        + " (--insecure skips this check, for testing only)";
            }
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof CertPathBuilderException || message.contains("PKIX path building failed")
                    || message.contains("unable to find valid certification path")) {
                pkixBuild = true;
            }
            if (t instanceof CertPathValidatorException v && validation == null) {
                validation = v;
            }
            if (certificateProblem == null && (t instanceof CertificateException
                    || t instanceof CertPathValidatorException || t instanceof SSLPeerUnverifiedException)) {
                certificateProblem = t;
            }
        }
        if (validation != null) {
            CertPathValidatorException.Reason reason = validation.getReason();
            if (reason == CertPathValidatorException.BasicReason.EXPIRED
                    || reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                return expired(who);
            }
        }
        if (pkixBuild) {
            return "TLS: the certificate of " + who + " is not trusted (PKIX path building failed) — " + TRUST_FIX;
        }
        if (validation != null) {
            return "TLS: the certificate of " + who + " is not trusted (PKIX path validation failed) — " + TRUST_FIX;
        }
        if (certificateProblem != null) {
            String why = certificateProblem.getMessage();
            return "TLS: the certificate of " + who + " was rejected"
                    + (why == null || why.isBlank() ? "" : " (" + why + ")") + " — " + TRUST_FIX;
        }
        return null;
    }

    private static String expired(String who) {
        return "TLS: the certificate of " + who + " has expired or is not yet valid — check this machine's clock"
                + " and the endpoint URL (--insecure skips this check, for testing only)";
    }
}
