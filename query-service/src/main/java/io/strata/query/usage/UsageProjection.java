package io.strata.query.usage;

import io.strata.contract.database.DatabaseEvents.DatabaseCreationRequested;
import io.strata.contract.database.DatabaseEvents.DatabaseRegistered;
import io.strata.contract.job.JobEvents.JobCompleted;
import io.strata.contract.job.JobEvents.JobFailed;
import io.strata.contract.job.JobType;
import io.strata.contract.usage.UsageEvents.QueriesMetered;
import io.strata.contract.usage.UsageEvents.StorageSampled;
import io.strata.contract.usage.UsageResource;
import io.strata.query.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import io.strata.platform.store.StoredEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Usage per day and database: metered queries, storage samples and finished jobs. Days are UTC. */
@Component
@ProcessingGroup(ReadModels.USAGE)
public class UsageProjection {
    public record Filter(LocalDate from, LocalDate to, String projectId, String databaseId) {
    }

    private final JdbcTemplate jdbc;
    private final StoredEvents store;

    public UsageProjection(JdbcTemplate jdbc, StoredEvents store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    @EventHandler
    void on(DatabaseCreationRequested e) {
        remember(e.databaseId(), e.projectId());
    }

    @EventHandler
    void on(DatabaseRegistered e) {
        remember(e.databaseId(), e.projectId());
    }

    @EventHandler
    void on(QueriesMetered e, @MessageIdentifier String eventId) {
        fact(eventId, e.periodEnd(), e.organizationId(), e.projectId(), e.databaseId(), e.queries(), e.rowsReturned(), null, 0);
    }

    @EventHandler
    void on(StorageSampled e, @MessageIdentifier String eventId) {
        fact(eventId, e.sampledAt(), e.organizationId(), e.projectId(), e.databaseId(), 0, 0, e.bytes(), 0);
    }

    @EventHandler
    void on(JobCompleted e, @Timestamp Instant at, @MessageIdentifier String eventId) {
        job(e.type(), e.targetId(), e.organizationId(), at, eventId);
    }

    @EventHandler
    void on(JobFailed e, @Timestamp Instant at, @MessageIdentifier String eventId) {
        job(e.type(), e.targetId(), e.organizationId(), at, eventId);
    }

    private void job(JobType type, String databaseId, String organizationId, Instant at, @MessageIdentifier String eventId) {
        if (!type.wireName().startsWith("database.") && type != JobType.CREDENTIALS_ROTATE) {
            return;
        }
        jdbc.query("select project_id from q_usage_databases where database_id = ?", (rs, i) -> rs.getString(1), databaseId)
                .stream().findFirst()
                .ifPresent(projectId -> fact(eventId, at, organizationId, projectId, databaseId, 0, 0, null, 1));
    }

    private void remember(String databaseId, String projectId) {
        jdbc.update("insert into q_usage_databases (database_id, project_id) values (?, ?) on conflict do nothing",
                databaseId, projectId);
    }

    private void fact(@MessageIdentifier String eventId, Instant at, String organizationId, String projectId, String databaseId,
                      long queries, long rows, Long storageBytes, long jobs) {
        // Keyed by the event's own position, read from the store: the tracking token's position is the
        // highest one seen, which an event that committed late would share with a later one (and be lost).
        long position = store.positionOf(eventId)
                .orElseThrow(() -> new IllegalStateException("event " + eventId + " is not in the store"));
        jdbc.update("""
                        insert into q_usage_facts (position, day, organization_id, project_id, database_id, queries,
                            rows_returned, storage_bytes, jobs)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                position, Date.valueOf(LocalDate.ofInstant(at, ZoneOffset.UTC)), organizationId, projectId,
                databaseId, queries, rows, storageBytes, jobs);
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from q_usage_facts");
        jdbc.update("delete from q_usage_databases");
    }

    public List<UsageResource> daily(String organizationId, String onlyProjectId, Filter filter) {
        return jdbc.query("""
                        select day, project_id, database_id, sum(queries), sum(rows_returned),
                               (array_agg(storage_bytes order by position desc) filter (where storage_bytes is not null))[1],
                               sum(jobs)
                        from q_usage_facts
                        where organization_id = ? and day between ? and ?
                          and (?::text is null or project_id = ?) and (?::text is null or project_id = ?)
                          and (?::text is null or database_id = ?)
                        group by day, project_id, database_id
                        order by day, project_id, database_id""",
                (rs, i) -> new UsageResource(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), (Long) rs.getObject(6), rs.getLong(7)),
                organizationId, Date.valueOf(filter.from()), Date.valueOf(filter.to()), onlyProjectId, onlyProjectId,
                filter.projectId(), filter.projectId(), filter.databaseId(), filter.databaseId());
    }
}
