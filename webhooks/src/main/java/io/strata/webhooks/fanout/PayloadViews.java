package io.strata.webhooks.fanout;

import io.strata.contract.apikey.ApiKeyFold;
import io.strata.contract.apikey.ApiKeyResource;
import io.strata.contract.database.DatabaseFold;
import io.strata.contract.database.DatabaseResource;
import io.strata.contract.job.JobError;
import io.strata.contract.job.JobFold;
import io.strata.contract.job.JobResource;
import io.strata.platform.auth.ApiKeyLookup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Jobs, databases and API keys as a GET shows them, folded by this module itself (wh_jobs,
 * wh_databases, wh_api_keys) with the contract's folds, the same ones query-service's projections use.
 * The fan-out folds each event before it builds that event's payload, in one processor, so a payload
 * reflects every event before it and never waits for another process.
 */
@Component
public class PayloadViews {
    private final JdbcTemplate jdbc;
    private final ApiKeyLookup apiKeyLookup;

    public PayloadViews(JdbcTemplate jdbc, ApiKeyLookup apiKeyLookup) {
        this.jdbc = jdbc;
        this.apiKeyLookup = apiKeyLookup;
    }

    /** Folds the event into the view it concerns, if any; an event that changes nothing writes nothing. */
    public void fold(Object event, Instant at, long sequenceNumber) {
        String jobId = JobFold.jobIdOf(event);
        if (jobId != null) {
            JobResource before = job(jobId).orElse(null);
            JobResource after = JobFold.after(before, event, at);
            if (after != null && !after.equals(before)) {
                write(after);
            }
        }
        String databaseId = DatabaseFold.databaseIdOf(event);
        if (databaseId != null) {
            DatabaseFold.State before = databaseState(databaseId).orElse(null);
            DatabaseFold.State after = DatabaseFold.after(before, event, at, sequenceNumber);
            if (after != null && !after.equals(before)) {
                write(after);
            }
        }
        String apiKeyId = ApiKeyFold.apiKeyIdOf(event);
        if (apiKeyId != null) {
            ApiKeyResource before = storedApiKey(apiKeyId).orElse(null);
            ApiKeyResource after = ApiKeyFold.after(before, event, at);
            if (after != null && !after.equals(before)) {
                write(after);
            }
        }
    }

    public Optional<JobResource> job(String id) {
        return jdbc.query("select id, type, state, resource_type, resource_id, attempts, max_attempts, next_attempt_at, "
                        + "error_code, error_message, error_retryable, created_at, started_at, finished_at from wh_jobs where id = ?",
                (rs, i) -> new JobResource(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getInt(7), instant(rs.getTimestamp(8)),
                        rs.getString(9) == null ? null : new JobError(rs.getString(9), rs.getString(10), rs.getBoolean(11)),
                        instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14))),
                id).stream().findFirst();
    }

    public Optional<DatabaseResource> database(String id) {
        return databaseState(id).map(DatabaseFold.State::database);
    }

    /** Never the secret nor its hash; lastUsedAt comes from the authentication table, as in the GET. */
    public Optional<ApiKeyResource> apiKey(String id) {
        return storedApiKey(id).map(k -> ApiKeyFold.withLastUsedAt(k, apiKeyLookup.lastUsedAt(id).orElse(null)));
    }

    public void deleteAll() {
        jdbc.update("delete from wh_jobs");
        jdbc.update("delete from wh_databases");
        jdbc.update("delete from wh_api_keys");
    }

    private Optional<DatabaseFold.State> databaseState(String id) {
        return jdbc.query("select id, project_id, name, engine, status, host, port, database_name, managed, created_at, "
                        + "updated_at, version, status_before from wh_databases where id = ?",
                (rs, i) -> new DatabaseFold.State(new DatabaseResource(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), (Integer) rs.getObject(7), rs.getString(8),
                        rs.getBoolean(9), instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)), rs.getLong(12)),
                        rs.getString(13)),
                id).stream().findFirst();
    }

    private Optional<ApiKeyResource> storedApiKey(String id) {
        return jdbc.query("select id, organization_id, name, prefix, scopes, project_id, created_at, expires_at, revoked_at "
                        + "from wh_api_keys where id = ?",
                (rs, i) -> new ApiKeyResource(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        new LinkedHashSet<>(List.of((String[]) rs.getArray(5).getArray())), rs.getString(6),
                        instant(rs.getTimestamp(7)), null, instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9))),
                id).stream().findFirst();
    }

    private void write(JobResource j) {
        JobError error = j.error();
        jdbc.update("""
                        insert into wh_jobs (id, type, state, resource_type, resource_id, attempts, max_attempts, next_attempt_at,
                                             error_code, error_message, error_retryable, created_at, started_at, finished_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (id) do update set state = excluded.state, attempts = excluded.attempts,
                            max_attempts = excluded.max_attempts, next_attempt_at = excluded.next_attempt_at,
                            error_code = excluded.error_code, error_message = excluded.error_message,
                            error_retryable = excluded.error_retryable, started_at = excluded.started_at,
                            finished_at = excluded.finished_at""",
                j.id(), j.type(), j.state(), j.resourceType(), j.resourceId(), j.attempts(), j.maxAttempts(),
                ts(j.nextAttemptAt()), error == null ? null : error.code(), error == null ? null : error.message(),
                error == null ? null : error.retryable(), ts(j.createdAt()), ts(j.startedAt()), ts(j.finishedAt()));
    }

    private void write(DatabaseFold.State state) {
        DatabaseResource d = state.database();
        jdbc.update("""
                        insert into wh_databases (id, project_id, name, engine, status, status_before, host, port,
                                                  database_name, managed, created_at, updated_at, version)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (id) do update set name = excluded.name, status = excluded.status,
                            status_before = excluded.status_before, host = excluded.host, port = excluded.port,
                            database_name = excluded.database_name, updated_at = excluded.updated_at,
                            version = excluded.version""",
                d.id(), d.projectId(), d.name(), d.engine(), d.status(), state.statusBeforeDeletion(), d.host(), d.port(),
                d.databaseName(), d.managed(), ts(d.createdAt()), ts(d.updatedAt()), d.version());
    }

    private void write(ApiKeyResource k) {
        jdbc.update("""
                        insert into wh_api_keys (id, organization_id, name, prefix, scopes, project_id, created_at,
                                                 expires_at, revoked_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (id) do update set revoked_at = excluded.revoked_at""",
                k.id(), k.organizationId(), k.name(), k.prefix(), k.scopes().toArray(String[]::new), k.projectId(),
                ts(k.createdAt()), ts(k.expiresAt()), ts(k.revokedAt()));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
