package io.strata.contract.apikey;

import io.strata.contract.EventType;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Set;

/**
 * Events of the ApiKey aggregate. {@code secretHash} is the SHA-256 of the secret (hex): enough to
 * rebuild the authentication table on replay, useless to an attacker who reads the store.
 */
public final class ApiKeyEvents {
    private ApiKeyEvents() {
    }

    @EventType("ApiKeyCreated")
    @Revision("1")
    public record ApiKeyCreated(String apiKeyId, String organizationId, String name, Set<String> scopes,
                                String projectId, Instant expiresAt, String prefix, String secretHash)
            implements ApiKeyEvent {
    }

    @EventType("ApiKeyRevoked")
    @Revision("1")
    public record ApiKeyRevoked(String apiKeyId, String organizationId) implements ApiKeyEvent {
    }
}
