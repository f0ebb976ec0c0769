package io.strata.command.apikey;

import io.strata.contract.apikey.ApiKeyEvents.ApiKeyCreated;
import io.strata.contract.apikey.ApiKeyEvents.ApiKeyRevoked;
import io.strata.contract.apikey.Scopes;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
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
    private final JdbcTemplate jdbc;

    public ApiKeyLookupWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ApiKeyCreated event) {
        jdbc.update("""
                insert into api_key_lookup (api_key_id, secret_hash, organization_id, project_id, name, scopes, expires_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (api_key_id) do nothing""",
                event.apiKeyId(), event.secretHash(), event.organizationId(), event.projectId(), event.name(),
                Scopes.ordered(event.scopes()), event.expiresAt() == null ? null : Timestamp.from(event.expiresAt()));
    }

    @EventHandler
    void on(ApiKeyRevoked event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("update api_key_lookup set revoked_at = coalesce(revoked_at, ?) where api_key_id = ?",
                Timestamp.from(at), event.apiKeyId());
    }
}
