package dev.promptbench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the {@code exp} claim of a JWT (an Entra ID access token is one) without checking its signature:
 * only to know when to fetch the next token, never to trust anything in it.
 */
final class JwtExpiry {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JwtExpiry() {}

    /** When the token expires, or empty when it is not a JWT or has no numeric {@code exp}. */
    static Optional<Instant> of(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(stripPadding(parts[1]));
            JsonNode exp = MAPPER.readTree(payload).get("exp");
            if (exp == null || !exp.isNumber()) {
                return Optional.empty();
            }
            return Optional.of(Instant.ofEpochSecond(exp.asLong()));
        } catch (RuntimeException | IOException e) {
            // Not base64url JSON: an opaque token, whose lifetime is assumed.
            return Optional.empty();
        }
    }

    private static String stripPadding(String part) {
        int end = part.length();
        while (end > 0 && part.charAt(end - 1) == '=') {
            end--;
        }
        return part.substring(0, end);
    }
}
