package io.strata.contract.apikey;

import java.time.Instant;
import java.util.Set;

/** An API key as the REST API returns it. Never the secret: that is shown once, in {@link CreatedApiKey}. */
public record ApiKeyResource(String id, String organizationId, String name, String prefix, Set<String> scopes,
                             String projectId, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
                             Instant revokedAt) {

    /** The answer to creating a key: the key plus its secret, which is never shown again. */
    public record CreatedApiKey(String id, String organizationId, String name, String prefix, Set<String> scopes,
                                String projectId, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
                                Instant revokedAt, String secret) {
        @Override
        public String toString() { // keep the secret out of any log line
            return "CreatedApiKey[" + id + "]";
        }
    }
}
