package io.strata.query.apikey;

import io.strata.contract.apikey.ApiKeyEvents.ApiKeyCreated;
import io.strata.contract.apikey.ApiKeyEvents.ApiKeyRevoked;
import io.strata.contract.apikey.ApiKeyFold;
import io.strata.contract.apikey.ApiKeyResource;
import io.strata.platform.web.PageRequest;
import io.strata.query.BatchRows;
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
import java.util.Optional;

/**
 * API keys: the q_api_keys table (never a secret, nor its hash), folded by the contract's {@link ApiKeyFold}
 * (as the webhook payloads are). {@code lastUsedAt} is read from the authentication table, where uses are
 * flushed in batches without events.
 */
@Component
@ProcessingGroup(ReadModels.API_KEYS)
public class ApiKeyProjection {
    private static final String SELECT = """
            select k.id, k.organization_id, k.name, k.prefix, k.scopes, k.project_id, k.created_at, l.last_used_at,
                   k.expires_at, k.revoked_at, k.position
            from q_api_keys k left join api_key_lookup l on l.api_key_id = k.id""";

    public record Row(ApiKeyResource key, long position) {
    }

    private static final RowMapper<Row> ROW = (rs, i) -> new Row(new ApiKeyResource(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), new LinkedHashSet<>(List.of((String[]) rs.getArray(5).getArray())),
            rs.getString(6), Positions.instant(rs.getTimestamp(7)), Positions.instant(rs.getTimestamp(8)),
            Positions.instant(rs.getTimestamp(9)), Positions.instant(rs.getTimestamp(10))), rs.getLong(11));

    /** A q_api_keys row: the key as folded (lastUsedAt is not), and its listing position. */
    private record Stored(ApiKeyResource key, long position) {
    }

    private final JdbcTemplate jdbc;
    private final BatchRows<Stored> rows;

    public ApiKeyProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.rows = new BatchRows<>("q_api_keys", this::read, this::write);
    }

    @EventHandler
    void on(ApiKeyCreated event, @Timestamp Instant at, TrackingToken token) {
        rows.change(event.apiKeyId(), row -> row != null ? row
                : new Stored(ApiKeyFold.after(null, event, at), Positions.of(token)));
    }

    @EventHandler
    void on(ApiKeyRevoked event, @Timestamp Instant at) {
        rows.change(event.apiKeyId(), row -> row == null ? null
                : new Stored(ApiKeyFold.after(row.key(), event, at), row.position()));
    }

    private Optional<Stored> read(String id) {
        return jdbc.query("select id, organization_id, name, prefix, scopes, project_id, created_at, expires_at, "
                        + "revoked_at, position from q_api_keys where id = ?",
                (rs, i) -> new Stored(new ApiKeyResource(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), new LinkedHashSet<>(List.of((String[]) rs.getArray(5).getArray())),
                        rs.getString(6), Positions.instant(rs.getTimestamp(7)), null,
                        Positions.instant(rs.getTimestamp(8)), Positions.instant(rs.getTimestamp(9))), rs.getLong(10)),
                id).stream().findFirst();
    }

    private void write(Stored row) {
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
        return jdbc.query(SELECT + " where k.id = ? and k.organization_id = ?", ROW, id, organizationId).stream()
                .map(Row::key).findFirst();
    }

    public List<Row> list(String organizationId, String projectId, PageRequest page) {
        return jdbc.query(SELECT + """
                 where k.organization_id = ? and (?::text is null or k.project_id = ?) and k.position > ?
                order by k.position limit ?""", ROW, organizationId, projectId, projectId, page.after(), page.fetchSize());
    }
}
