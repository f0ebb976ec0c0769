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
import io.strata.contract.job.JobResource;
import io.strata.contract.job.JobState;
import io.strata.contract.job.JobType;
import io.strata.platform.web.PageRequest;
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
 * Jobs: q_jobs. A job is listed as queued from the request that created it, before provisioner-saga
 * picks it up; it reads completed or failed only once the resource shows the outcome.
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

    private final JdbcTemplate jdbc;

    public JobProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DatabaseCreationRequested e, @Timestamp Instant at, TrackingToken token) {
        queued(e.jobId(), e.organizationId(), JobType.DATABASE_CREATE, e.databaseId(), e.projectId(), e.maxAttempts(), at, token);
    }

    @EventHandler
    void on(DatabaseDeletionRequested e, @Timestamp Instant at, TrackingToken token) {
        queued(e.jobId(), e.organizationId(), JobType.DATABASE_DELETE, e.databaseId(), e.projectId(), e.maxAttempts(), at, token);
    }

    @EventHandler
    void on(CredentialRotationRequested e, @Timestamp Instant at, TrackingToken token) {
        queued(e.jobId(), e.organizationId(), JobType.CREDENTIALS_ROTATE, e.databaseId(), e.projectId(), e.maxAttempts(), at, token);
    }

    private void queued(String jobId, String organizationId, JobType type, String resourceId, String projectId,
                        int maxAttempts, Instant at, TrackingToken token) {
        jdbc.update("insert into q_jobs (id, organization_id, type, state, resource_type, resource_id, project_id, attempts, "
                        + "max_attempts, created_at, position) values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) "
                        + "on conflict (id) do nothing", jobId, organizationId, type.wireName(), JobState.QUEUED.wireName(),
                ResourceType.DATABASE.wireName(),
                resourceId, projectId, maxAttempts, Positions.ts(at), Positions.of(token));
    }

    @EventHandler
    void on(JobStarted e, @Timestamp Instant at) {
        jdbc.update("update q_jobs set state = 'running', attempts = greatest(attempts, 1), max_attempts = ?, "
                + "started_at = coalesce(started_at, ?) where id = ? and state = 'queued'", e.maxAttempts(), Positions.ts(at), e.jobId());
    }

    @EventHandler
    void on(JobAttemptStarted e) {
        jdbc.update("update q_jobs set attempts = greatest(attempts, ?), next_attempt_at = null where id = ?",
                e.attempt(), e.jobId());
    }

    @EventHandler
    void on(JobAttemptFailed e) {
        jdbc.update("update q_jobs set error_code = ?, error_message = ?, error_retryable = ?, next_attempt_at = ? "
                        + "where id = ? and attempts = ?", e.error().code(), e.error().message(), e.error().retryable(),
                Positions.ts(e.nextAttemptAt()), e.jobId(), e.attempt());
    }

    @EventHandler
    void on(JobCompleted e, @Timestamp Instant at) {
        jdbc.update("update q_jobs set state = 'completed', finished_at = ?, next_attempt_at = null, error_code = null, "
                + "error_message = null, error_retryable = null where id = ?", Positions.ts(at), e.jobId());
    }

    @EventHandler
    void on(JobFailed e, @Timestamp Instant at) {
        jdbc.update("update q_jobs set state = 'failed', finished_at = ?, next_attempt_at = null, error_code = ?, "
                        + "error_message = ?, error_retryable = ? where id = ?", Positions.ts(at), e.error().code(),
                e.error().message(), e.error().retryable(), e.jobId());
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
