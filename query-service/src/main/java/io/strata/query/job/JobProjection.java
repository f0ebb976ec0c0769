package io.strata.query.job;

import io.strata.contract.Failure;
import io.strata.contract.ResourceType;
import io.strata.contract.database.DatabaseEvents.CredentialRotationRequested;
import io.strata.contract.database.DatabaseEvents.DatabaseCreationRequested;
import io.strata.contract.database.DatabaseEvents.DatabaseDeletionRequested;
import io.strata.contract.job.JobEvents.JobAttemptFailed;
import io.strata.contract.job.JobEvents.JobAttemptStarted;
import io.strata.contract.job.JobEvents.JobCompleted;
import io.strata.contract.job.JobEvents.JobFailed;
import io.strata.contract.job.JobEvents.JobStarted;
import io.strata.contract.job.JobFold;
import io.strata.contract.job.JobResource;
import io.strata.contract.job.JobState;
import io.strata.contract.job.JobType;
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
import java.util.List;
import java.util.Optional;

/**
 * Jobs: q_jobs, folded by the contract's {@link JobFold} (as the webhook payloads are). A job is listed as
 * queued from the request that created it, before provisioner-saga picks it up; it reads completed or
 * failed only once the resource shows the outcome.
 */
@Component
@ProcessingGroup(ReadModels.JOBS)
public class JobProjection {
    private static final String SELECT = "select id, type, state, resource_type, resource_id, attempts, max_attempts, "
            + "next_attempt_at, error_code, error_message, error_retryable, created_at, started_at, finished_at, position "
            + "from q_jobs";

    public record Row(JobResource job, long position) {
    }

    public record Filter(String state, String type, String resourceId) {
    }

    private static final RowMapper<Row> ROW = (rs, i) -> new Row(new JobResource(rs.getString(1),
            JobType.of(rs.getString(2)), JobState.of(rs.getString(3)), ResourceType.of(rs.getString(4)), rs.getString(5), rs.getInt(6), rs.getInt(7),
            Positions.instant(rs.getTimestamp(8)),
            rs.getString(9) == null ? null : new Failure(rs.getString(9), rs.getString(10), rs.getBoolean(11)),
            Positions.instant(rs.getTimestamp(12)), Positions.instant(rs.getTimestamp(13)),
            Positions.instant(rs.getTimestamp(14))), rs.getLong(15));

    /** A q_jobs row: the job, and what only the table needs (set when the job is queued). */
    private record Stored(JobResource job, String organizationId, String projectId, long position) {
        Stored after(Object event, Instant at) {
            JobResource next = JobFold.after(job, event, at);
            return next == null ? null : new Stored(next, organizationId, projectId, position);
        }
    }

    private final JdbcTemplate jdbc;
    private final BatchRows<Stored> rows;

    public JobProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.rows = new BatchRows<>("q_jobs", this::read, this::write);
    }

    @EventHandler
    void on(DatabaseCreationRequested e, @Timestamp Instant at, TrackingToken token) {
        queued(e, e.organizationId(), e.projectId(), at, token);
    }

    @EventHandler
    void on(DatabaseDeletionRequested e, @Timestamp Instant at, TrackingToken token) {
        queued(e, e.organizationId(), e.projectId(), at, token);
    }

    @EventHandler
    void on(CredentialRotationRequested e, @Timestamp Instant at, TrackingToken token) {
        queued(e, e.organizationId(), e.projectId(), at, token);
    }

    @EventHandler
    void on(JobStarted e, @Timestamp Instant at) {
        fold(e, at);
    }

    @EventHandler
    void on(JobAttemptStarted e, @Timestamp Instant at) {
        fold(e, at);
    }

    @EventHandler
    void on(JobAttemptFailed e, @Timestamp Instant at) {
        fold(e, at);
    }

    @EventHandler
    void on(JobCompleted e, @Timestamp Instant at) {
        fold(e, at);
    }

    @EventHandler
    void on(JobFailed e, @Timestamp Instant at) {
        fold(e, at);
    }

    private void queued(Object event, String organizationId, String projectId, Instant at, TrackingToken token) {
        rows.change(JobFold.jobIdOf(event), row -> row != null ? row
                : new Stored(JobFold.after(null, event, at), organizationId, projectId, Positions.of(token)));
    }

    private void fold(Object event, Instant at) {
        rows.change(JobFold.jobIdOf(event), row -> row == null ? null : row.after(event, at));
    }

    private Optional<Stored> read(String id) {
        return jdbc.query("select id, type, state, resource_type, resource_id, attempts, max_attempts, next_attempt_at, "
                        + "error_code, error_message, error_retryable, created_at, started_at, finished_at, position, "
                        + "organization_id, project_id from q_jobs where id = ?",
                (rs, i) -> new Stored(ROW.mapRow(rs, i).job(), rs.getString(16), rs.getString(17), rs.getLong(15)),
                id).stream().findFirst();
    }

    private void write(Stored row) {
        JobResource j = row.job();
        Failure error = j.error();
        jdbc.update("""
                        insert into q_jobs (id, organization_id, type, state, resource_type, resource_id, project_id,
                                            attempts, max_attempts, next_attempt_at, error_code, error_message,
                                            error_retryable, created_at, started_at, finished_at, position)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (id) do update set state = excluded.state, attempts = excluded.attempts,
                            max_attempts = excluded.max_attempts, next_attempt_at = excluded.next_attempt_at,
                            error_code = excluded.error_code, error_message = excluded.error_message,
                            error_retryable = excluded.error_retryable, started_at = excluded.started_at,
                            finished_at = excluded.finished_at""",
                j.id(), row.organizationId(), j.type().wireName(), j.state().wireName(), j.resourceType().wireName(),
                j.resourceId(), row.projectId(),
                j.attempts(), j.maxAttempts(), Positions.ts(j.nextAttemptAt()), error == null ? null : error.code(),
                error == null ? null : error.message(), error == null ? null : error.retryable(),
                Positions.ts(j.createdAt()), Positions.ts(j.startedAt()), Positions.ts(j.finishedAt()), row.position());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from q_jobs");
    }

    public Optional<Row> find(String organizationId, String onlyProjectId, String id) {
        return jdbc.query(SELECT + " where id = ? and organization_id = ? and (?::text is null or project_id = ?)", ROW,
                id, organizationId, onlyProjectId, onlyProjectId).stream().findFirst();
    }

    public List<Row> list(String organizationId, String onlyProjectId, Filter filter, PageRequest page) {
        return jdbc.query(SELECT + """
                         where organization_id = ? and position > ? and (?::text is null or project_id = ?)
                           and (?::text is null or state = ?) and (?::text is null or type = ?)
                           and (?::text is null or resource_id = ?)
                        order by position limit ?""", ROW, organizationId, page.after(), onlyProjectId, onlyProjectId,
                filter.state(), filter.state(), filter.type(), filter.type(), filter.resourceId(), filter.resourceId(),
                page.fetchSize());
    }
}
