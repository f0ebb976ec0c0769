package io.strata.contract.apikey;

import io.strata.contract.apikey.ApiKeyEvents.ApiKeyCreated;
import io.strata.contract.apikey.ApiKeyEvents.ApiKeyRevoked;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The one definition of an API key's shape over time: the key after an event, as a GET shows it
 * (never the secret nor its hash). Pure, so that every view of keys folds the same events the same way.
 * {@code lastUsedAt} is not an event: readers take it from the authentication table, so the fold leaves it null.
 */
public final class ApiKeyFold {
    private ApiKeyFold() {
    }

    /** The key an event concerns, or null when it is not an API key event. */
    public static String apiKeyIdOf(Object event) {
        return event instanceof ApiKeyEvent e ? e.apiKeyId() : null;
    }

    /**
     * @param previous the key before the event (null when there is none yet)
     * @param at       the event's timestamp
     * @return the key after it; null while it does not exist
     */
    public static ApiKeyResource after(ApiKeyResource previous, Object event, Instant at) {
        if (event instanceof ApiKeyCreated e) {
            // Scopes in their canonical order, so every listing shows them the same way.
            return previous != null ? previous : new ApiKeyResource(e.apiKeyId(), e.organizationId(), e.name(), e.prefix(),
                    new LinkedHashSet<>(List.of(Scopes.ordered(e.scopes()))), e.projectId(), at, null, e.expiresAt(), null);
        } else if (event instanceof ApiKeyRevoked && previous != null && previous.revokedAt() == null) {
            return new ApiKeyResource(previous.id(), previous.organizationId(), previous.name(), previous.prefix(),
                    previous.scopes(), previous.projectId(), previous.createdAt(), previous.lastUsedAt(),
                    previous.expiresAt(), at);
        }
        return previous;
    }

    /** The same key with its last use, which readers look up beside the fold. */
    public static ApiKeyResource withLastUsedAt(ApiKeyResource key, Instant lastUsedAt) {
        return new ApiKeyResource(key.id(), key.organizationId(), key.name(), key.prefix(), key.scopes(),
                key.projectId(), key.createdAt(), lastUsedAt, key.expiresAt(), key.revokedAt());
    }
}
