package io.strata.command.apikey;

import io.strata.contract.apikey.ApiKeyEvents.ApiKeyCreated;
import io.strata.contract.apikey.ApiKeyEvents.ApiKeyRevoked;
import io.strata.contract.apikey.Scopes;
import io.strata.platform.auth.ApiKeyLookup;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Keeps the authentication table in step with the ApiKey events. It runs in a subscribing
 * processor, inside the transaction that stores the events, so a revoke is refused by every
 * process the moment it commits; not a second later.
 */
@Component
@ProcessingGroup(ApiKeyLookupWriter.GROUP)
public class ApiKeyLookupWriter {
    public static final String GROUP = "command.api-key-lookup";
    private final ApiKeyLookup lookup;

    public ApiKeyLookupWriter(ApiKeyLookup lookup) {
        this.lookup = lookup;
    }

    @EventHandler
    void on(ApiKeyCreated event) {
        lookup.insert(event.apiKeyId(), event.secretHash(), event.organizationId(), event.projectId(), event.name(),
                Scopes.ordered(event.scopes()), event.expiresAt());
    }

    @EventHandler
    void on(ApiKeyRevoked event, @Timestamp Instant at) {
        lookup.revoke(event.apiKeyId(), at);
    }
}
