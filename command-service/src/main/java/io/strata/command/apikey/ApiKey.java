package io.strata.command.apikey;

import io.strata.contract.Refusal;
import io.strata.contract.apikey.ApiKeyCommands.CreateApiKey;
import io.strata.contract.apikey.ApiKeyCommands.RevokeApiKey;
import io.strata.contract.apikey.ApiKeyEvents.ApiKeyCreated;
import io.strata.contract.apikey.ApiKeyEvents.ApiKeyRevoked;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An API key. Validation of who may create which key lives in {@link ApiKeyCommandHandler}; the
 * aggregate keeps the lifecycle: a key is created once and revoked at most once.
 */
@Aggregate
public class ApiKey {
    @AggregateIdentifier
    private String id;
    private String organizationId;
    private boolean revoked;

    protected ApiKey() {
    }

    public ApiKey(CreateApiKey command) {
        apply(new ApiKeyCreated(command.apiKeyId(), command.organizationId(), command.name(), command.scopes(),
                command.projectId(), command.expiresAt(), command.prefix(), command.secretHash()));
    }

    /** Revoking twice is not an error: the caller wanted it revoked, and it is. */
    @CommandHandler
    public void handle(RevokeApiKey command) {
        if (!organizationId.equals(command.organizationId())) {
            throw Refusal.notFound("api key", command.apiKeyId());
        }
        if (!revoked) {
            apply(new ApiKeyRevoked(id, organizationId));
        }
    }

    @EventSourcingHandler
    void on(ApiKeyCreated event) {
        id = event.apiKeyId();
        organizationId = event.organizationId();
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        revoked = true;
    }
}
