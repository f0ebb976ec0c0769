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
import io.strata.contract.database.DatabaseFold;
import io.strata.contract.database.DatabaseResource;
import io.strata.contract.database.DatabaseStatus;
import io.strata.platform.web.PageRequest;
import io.strata.platform.store.BatchRows;
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
import java.util.List;
import java.util.Optional;

/**
 * Databases: q_databases, folded by the contract's {@link DatabaseFold} (as the webhook payloads are).
 * {@code version} is the aggregate's sequence number of the last event, the value PATCH's If-Match
 * compares with; updates only move forward, so a redelivered event is harmless.
 */
@Component
@ProcessingGroup(ReadModels.DATABASES)
public class DatabaseProjection {
    private static final String COLUMNS = "select id, project_id, name, engine, status, host, port, database_name, "
            + "managed, created_at, updated_at, version, position";
    private static final String SELECT = COLUMNS + " from q_databases";

    public record Row(DatabaseResource database, long position) {
    }

    public record Filter(String projectId, String engine, String status) {
    }

    private static final RowMapper<Row> ROW = (rs, i) -> new Row(new DatabaseResource(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), DatabaseStatus.of(rs.getString(5)), rs.getString(6), (Integer) rs.getObject(7),
            rs.getString(8), rs.getBoolean(9), Positions.instant(rs.getTimestamp(10)), Positions.instant(rs.getTimestamp(11)),
            rs.getLong(12)), rs.getLong(13));

    /** A q_databases row: the fold's state, and what only the table needs (set when the database appears). */
    private record Stored(DatabaseFold.State state, String organizationId, long position) {
    }

    private final JdbcTemplate jdbc;
    private final BatchRows<Stored> rows;

    public DatabaseProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.rows = new BatchRows<>("q_databases", this::read, this::write);
    }

    @EventHandler
    void on(DatabaseCreationRequested e, @Timestamp Instant at, @SequenceNumber long seq, TrackingToken token) {
        created(e, e.organizationId(), at, seq, token);
    }

    @EventHandler
    void on(DatabaseRegistered e, @Timestamp Instant at, @SequenceNumber long seq, TrackingToken token) {
        created(e, e.organizationId(), at, seq, token);
    }

    @EventHandler
    void on(DatabaseReady e, @Timestamp Instant at, @SequenceNumber long seq) {
        fold(e, at, seq);
    }

    @EventHandler
    void on(DatabaseFailed e, @Timestamp Instant at, @SequenceNumber long seq) {
        fold(e, at, seq);
    }

    @EventHandler
    void on(DatabaseRenamed e, @Timestamp Instant at, @SequenceNumber long seq) {
        fold(e, at, seq);
    }

    @EventHandler
    void on(DatabaseConnectionUpdated e, @Timestamp Instant at, @SequenceNumber long seq) {
        fold(e, at, seq);
    }

    @EventHandler
    void on(DatabaseDeletionRequested e, @Timestamp Instant at, @SequenceNumber long seq) {
        fold(e, at, seq);
    }

    @EventHandler
    void on(DatabaseDeletionFailed e, @Timestamp Instant at, @SequenceNumber long seq) {
        fold(e, at, seq);
    }

    @EventHandler
    void on(DatabaseDeleted e, @Timestamp Instant at, @SequenceNumber long seq) {
        fold(e, at, seq);
    }

    @EventHandler
    void on(CredentialRotationRequested e, @Timestamp Instant at, @SequenceNumber long seq) {
        fold(e, at, seq);
    }

    @EventHandler
    void on(CredentialsRotated e, @Timestamp Instant at, @SequenceNumber long seq) {
        fold(e, at, seq);
    }

    @EventHandler
    void on(CredentialRotationFailed e, @Timestamp Instant at, @SequenceNumber long seq) {
        fold(e, at, seq);
    }

    private void created(Object event, String organizationId, Instant at, long seq, TrackingToken token) {
        rows.change(DatabaseFold.databaseIdOf(event), row -> row != null ? row
                : new Stored(DatabaseFold.after(null, event, at, seq), organizationId, Positions.of(token)));
    }

    private void fold(Object event, Instant at, long seq) {
        rows.change(DatabaseFold.databaseIdOf(event), row -> row == null ? null
                : new Stored(DatabaseFold.after(row.state(), event, at, seq), row.organizationId(), row.position()));
    }

    private Optional<Stored> read(String id) {
        return jdbc.query(COLUMNS + ", organization_id, status_before from q_databases where id = ?",
                (rs, i) -> new Stored(new DatabaseFold.State(ROW.mapRow(rs, i).database(),
                        rs.getString(15) == null ? null : DatabaseStatus.of(rs.getString(15))),
                        rs.getString(14), rs.getLong(13)), id).stream().findFirst();
    }

    private void write(Stored row) {
        DatabaseResource d = row.state().database();
        jdbc.update("""
                        insert into q_databases (id, organization_id, project_id, name, engine, status, status_before, host,
                                                 port, database_name, managed, created_at, updated_at, version, position)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (id) do update set name = excluded.name, status = excluded.status,
                            status_before = excluded.status_before, host = excluded.host, port = excluded.port,
                            database_name = excluded.database_name, updated_at = excluded.updated_at,
                            version = excluded.version""",
                d.id(), row.organizationId(), d.projectId(), d.name(), d.engine(), d.status().wireName(),
                row.state().statusBeforeDeletion() == null ? null : row.state().statusBeforeDeletion().wireName(), d.host(), d.port(), d.databaseName(), d.managed(),
                Positions.ts(d.createdAt()), Positions.ts(d.updatedAt()), d.version(), row.position());
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
