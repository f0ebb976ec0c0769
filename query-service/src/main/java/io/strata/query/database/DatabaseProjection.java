package io.strata.query.database;

import io.strata.contract.database.DatabaseEvents.CredentialRotationFailed;
import io.strata.contract.database.DatabaseEvents.CredentialRotationRequested;
import io.strata.contract.database.DatabaseEvents.CredentialsRotated;
import io.strata.contract.database.DatabaseEvents.DatabaseConnectionUpdated;
import io.strata.contract.database.DatabaseEvents.DatabaseCreationRequested;
import io.strata.contract.database.DatabaseEvents.DatabaseDeleted;
import io.strata.contract.database.DatabaseEvents.DatabaseDeletionFailed;
import io.strata.contract.database.DatabaseEvents.DatabaseDeletionRequested;
import io.strata.contract.database.DatabaseEvents.DatabaseFailed;
import io.strata.contract.database.DatabaseEvents.DatabaseReady;
import io.strata.contract.database.DatabaseEvents.DatabaseRegistered;
import io.strata.contract.database.DatabaseEvents.DatabaseRenamed;
import io.strata.contract.database.DatabaseResource;
import io.strata.contract.database.DatabaseStatus;
import io.strata.platform.web.PageRequest;
import io.strata.query.Positions;
import io.strata.query.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Databases: q_databases. {@code version} is the aggregate's sequence number of the last event,
 * the value PATCH's If-Match compares with; updates only move forward, so a redelivered event is harmless.
 */
@Component
@ProcessingGroup(ReadModels.DATABASES)
public class DatabaseProjection {
    private static final String SELECT = "select id, project_id, name, engine, status, host, port, database_name, managed, "
            + "created_at, updated_at, version, position from q_databases";

    public record Row(DatabaseResource database, long position) {
    }

    public record Filter(String projectId, String engine, String status) {
    }

    private static final RowMapper<Row> ROW = (rs, i) -> new Row(new DatabaseResource(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), DatabaseStatus.of(rs.getString(5)), rs.getString(6), (Integer) rs.getObject(7),
            rs.getString(8), rs.getBoolean(9), Positions.instant(rs.getTimestamp(10)), Positions.instant(rs.getTimestamp(11)),
            rs.getLong(12)), rs.getLong(13));

    private final JdbcTemplate jdbc;

    public DatabaseProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DatabaseCreationRequested e, @Timestamp Instant at, @SequenceNumber long seq, TrackingToken token) {
        jdbc.update("insert into q_databases (id, organization_id, project_id, name, engine, status, managed, created_at, "
                        + "updated_at, version, position) values (?, ?, ?, ?, ?, 'provisioning', true, ?, ?, ?, ?) "
                        + "on conflict (id) do nothing", e.databaseId(), e.organizationId(), e.projectId(), e.name(),
                e.engine(), Positions.ts(at), Positions.ts(at), seq, Positions.of(token));
    }

    @EventHandler
    void on(DatabaseRegistered e, @Timestamp Instant at, @SequenceNumber long seq, TrackingToken token) {
        jdbc.update("insert into q_databases (id, organization_id, project_id, name, engine, status, host, port, database_name, "
                        + "managed, created_at, updated_at, version, position) values (?, ?, ?, ?, ?, 'ready', ?, ?, ?, false, ?, ?, ?, ?) "
                        + "on conflict (id) do nothing", e.databaseId(), e.organizationId(), e.projectId(), e.name(),
                e.engine(), e.host(), e.port(), e.databaseName(), Positions.ts(at), Positions.ts(at), seq, Positions.of(token));
    }

    @EventHandler
    void on(DatabaseReady e, @Timestamp Instant at, @SequenceNumber long seq) {
        update("status = 'ready', host = ?, port = ?, database_name = ?", at, seq, e.databaseId(),
                e.outcome().host(), e.outcome().port(), e.outcome().databaseName());
    }

    @EventHandler
    void on(DatabaseFailed e, @Timestamp Instant at, @SequenceNumber long seq) {
        update("status = 'failed'", at, seq, e.databaseId());
    }

    @EventHandler
    void on(DatabaseRenamed e, @Timestamp Instant at, @SequenceNumber long seq) {
        update("name = ?", at, seq, e.databaseId(), e.name());
    }

    @EventHandler
    void on(DatabaseConnectionUpdated e, @Timestamp Instant at, @SequenceNumber long seq) {
        update("host = ?, port = ?, database_name = ?", at, seq, e.databaseId(), e.host(), e.port(), e.databaseName());
    }

    @EventHandler
    void on(DatabaseDeletionRequested e, @Timestamp Instant at, @SequenceNumber long seq) {
        update("status_before = status, status = 'deleting'", at, seq, e.databaseId());
    }

    @EventHandler
    void on(DatabaseDeletionFailed e, @Timestamp Instant at, @SequenceNumber long seq) {
        update("status = coalesce(status_before, 'ready')", at, seq, e.databaseId());
    }

    @EventHandler
    void on(DatabaseDeleted e, @Timestamp Instant at, @SequenceNumber long seq) {
        update("status = 'deleted'", at, seq, e.databaseId());
    }

    @EventHandler
    void on(CredentialRotationRequested e, @Timestamp Instant at, @SequenceNumber long seq) {
        update("status = status", at, seq, e.databaseId());
    }

    @EventHandler
    void on(CredentialsRotated e, @Timestamp Instant at, @SequenceNumber long seq) {
        update("status = status", at, seq, e.databaseId());
    }

    @EventHandler
    void on(CredentialRotationFailed e, @Timestamp Instant at, @SequenceNumber long seq) {
        update("status = status", at, seq, e.databaseId());
    }

    /** Applies a change only if it is newer than what the row holds (idempotent under redelivery). */
    private void update(String assignments, Instant at, long seq, String id, Object... values) {
        List<Object> args = new ArrayList<>(Arrays.asList(values)); // values may be null (a sqlite database has no host)
        args.add(Positions.ts(at));
        args.add(seq);
        args.add(id);
        args.add(seq);
        jdbc.update("update q_databases set " + assignments + ", updated_at = ?, version = ? where id = ? and version < ?",
                args.toArray());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from q_databases");
    }

    /** Deleted databases stay readable by id (status deleted) but are never listed unless asked for. */
    public Optional<DatabaseResource> find(String organizationId, String id) {
        return jdbc.query(SELECT + " where id = ? and organization_id = ?", ROW, id, organizationId).stream()
                .map(Row::database).findFirst();
    }

    public List<Row> list(String organizationId, String onlyProjectId, Filter filter, PageRequest page) {
        return jdbc.query(SELECT + """
                         where organization_id = ? and position > ?
                           and (?::text is null or project_id = ?) and (?::text is null or project_id = ?)
                           and (?::text is null or engine = ?)
                           and (case when ?::text is null then status <> 'deleted' else status = ? end)
                        order by position limit ?""", ROW, organizationId, page.after(), onlyProjectId, onlyProjectId,
                filter.projectId(), filter.projectId(), filter.engine(), filter.engine(), filter.status(), filter.status(),
                page.fetchSize());
    }
}
