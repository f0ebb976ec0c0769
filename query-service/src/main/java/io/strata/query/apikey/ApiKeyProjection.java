package io.strata.query.apikey;

import io.strata.contract.apikey.ApiKeyEvents.ApiKeyCreated;
import io.strata.contract.apikey.ApiKeyEvents.ApiKeyRevoked;
import io.strata.contract.apikey.ApiKeyFold;
import io.strata.contract.apikey.ApiKeyResource;
import io.strata.platform.auth.ApiKeyLookup;
import io.strata.platform.web.PageRequest;
import io.strata.platform.store.BatchRows;
import io.strata.query.Positions;
import io.strata.query.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API keys: the q_api_keys table (never a secret, nor its hash), folded by the contract's {@link ApiKeyFold}
 * (as the webhook payloads are). {@code lastUsedAt} is read from the authentication table, where uses are
 * flushed in batches without events.
 */
@Component
@ProcessingGroup(ReadModels.API_KEYS)
public class ApiKeyProjection {
    private static final String SELECT = "select id, organization_id, name, prefix, scopes, project_id, created_at, "
            + "expires_at, revoked_at, position from q_api_keys";

    /** A q_api_keys row: the key as folded ({@code lastUsedAt} null) and its listing position. */
    public record Row(ApiKeyResource key, long position) {
    }

    private static final RowMapper<Row> ROW = (rs, i) -> new Row(new ApiKeyResource(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), new LinkedHashSet<>(List.of((String[]) rs.getArray(5).getArray())),
            rs.getString(6), Positions.instant(rs.getTimestamp(7)), null, Positions.instant(rs.getTimestamp(8)),
            Positions.instant(rs.getTimestamp(9))), rs.getLong(10));

    private final JdbcTemplate jdbc;
    private final ApiKeyLookup lookup;
    private final BatchRows<Row> rows;

    public ApiKeyProjection(JdbcTemplate jdbc, ApiKeyLookup lookup) {
        this.jdbc = jdbc;
        this.lookup = lookup;
        this.rows = new BatchRows<>("q_api_keys", this::read, this::write);
    }

    @EventHandler
    void on(ApiKeyCreated event, @Timestamp Instant at, TrackingToken token) {
        rows.change(event.apiKeyId(), row -> row != null ? row
                : new Row(ApiKeyFold.after(null, event, at), Positions.of(token)));
    }

    @EventHandler
    void on(ApiKeyRevoked event, @Timestamp Instant at) {
        rows.change(event.apiKeyId(), row -> row == null ? null
                : new Row(ApiKeyFold.after(row.key(), event, at), row.position()));
    }

    private Optional<Row> read(String id) {
        return jdbc.query(SELECT + " where id = ?", ROW, id).stream().findFirst();
    }

    private void write(Row row) {
        ApiKeyResource k = row.key();
        jdbc.update("""
                insert into q_api_keys (id, organization_id, name, prefix, scopes, project_id, created_at, expires_at,
                                        revoked_at, position)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do update set revoked_at = excluded.revoked_at""",
                k.id(), k.organizationId(), k.name(), k.prefix(), k.scopes().toArray(String[]::new), k.projectId(),
                Positions.ts(k.createdAt()), Positions.ts(k.expiresAt()), Positions.ts(k.revokedAt()), row.position());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from q_api_keys");
    }

    public Optional<ApiKeyResource> find(String organizationId, String id) {
        return withLastUse(jdbc.query(SELECT + " where id = ? and organization_id = ?", ROW, id, organizationId)).stream()
                .map(Row::key).findFirst();
    }

    public List<Row> list(String organizationId, String projectId, PageRequest page) {
        return withLastUse(jdbc.query(SELECT + """
                 where organization_id = ? and (?::text is null or project_id = ?) and position > ?
                order by position limit ?""", ROW, organizationId, projectId, projectId, page.after(), page.fetchSize()));
    }

    private List<Row> withLastUse(List<Row> page) {
        Map<String, Instant> lastUsed = lookup.lastUsedAt(page.stream().map(r -> r.key().id()).toList());
        return page.stream().map(r -> new Row(ApiKeyFold.withLastUsedAt(r.key(), lastUsed.get(r.key().id())), r.position()))
                .toList();
    }
}
