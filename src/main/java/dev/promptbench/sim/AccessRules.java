package dev.promptbench.sim;

import com.sun.net.httpserver.Headers;
import dev.promptbench.client.ApiStyle;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may call the simulator: the key check and the deployments that exist, answered with the
 * 401 and 404 bodies each API style sends.
 */
final class AccessRules {

    private final SimulatorSettings.Access access;

    AccessRules(SimulatorSettings.Access access) {
        this.access = access;
    }

    /**
     * The refusal for a request's credentials and, on the Azure deployment route, its deployment; empty
     * when it may go on. Azure takes a key or a bearer token, OpenAI only a bearer token. Without a
     * required key, any non-empty one will do.
     */
    Optional<SimResponse> refuse(SimRoute route, Headers headers) {
        String bearer = bearer(headers.getFirst("Authorization"));
        String key = headers.getFirst("api-key");
        if (route.style() == ApiStyle.OPENAI) {
            if (bearer == null) {
                return Optional.of(ApiErrors.missingBearer());
            }
            if (!accepted(bearer)) {
                return Optional.of(ApiErrors.invalidKey());
            }
        } else if (!accepted(bearer) && !accepted(key)) {
            return Optional.of(ApiErrors.accessDenied());
        }
        if (route.style() == ApiStyle.AZURE_DEPLOYMENT && !access.serves(route.deployment())) {
            return Optional.of(ApiErrors.deploymentNotFound());
        }
        return Optional.empty();
    }

    /** The refusal for a {@code model} the v1 and OpenAI routes do not serve; empty when served. */
    Optional<SimResponse> refuseModel(String model) {
        return model == null || access.serves(model) ? Optional.empty()
                : Optional.of(ApiErrors.modelNotFound(model));
    }

    private boolean accepted(String presented) {
        if (presented == null || presented.isBlank()) {
            return false;
        }
        if (!access.keyRequired()) {
            return true;
        }
        // Constant time, so response timing does not reveal how much of a guess was right.
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                access.key().getBytes(StandardCharsets.UTF_8));
    }

    /** The token of an {@code Authorization: Bearer ...} header, or null. */
    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
