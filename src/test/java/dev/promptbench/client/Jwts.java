package dev.promptbench.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Unsigned JWT-shaped test tokens: only the {@code exp} claim matters to promptbench. */
final class Jwts {
    private Jwts() {}

    /** A token expiring at {@code exp}, with {@code tag} in its signature part to tell tokens apart. */
    static String expiringAt(Instant exp, String tag) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"aud\":\"https://cognitiveservices.azure.com\",\"exp\":"
                + exp.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".sig" + tag;
    }
}
