package io.strata.contract.apikey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Set;

/** Commands of the ApiKey aggregate. The secret never travels: only its SHA-256 hash and display prefix. */
public final class ApiKeyCommands {
    private ApiKeyCommands() {
    }

    public record CreateApiKey(String apiKeyId, String organizationId, String name, Set<String> scopes,
                               String projectId, Instant expiresAt, String prefix, String secretHash) {
    }

    public record RevokeApiKey(@TargetAggregateIdentifier String apiKeyId, String organizationId) {
    }
}
