package io.strata.provisioner.webhook;

import io.strata.contract.Failure;
import io.strata.contract.ResourceType;
import io.strata.contract.apikey.ApiKeyResource;
import io.strata.contract.database.DatabaseResource;
import io.strata.contract.database.DatabaseStatus;
import io.strata.contract.job.JobResource;
import io.strata.contract.job.JobState;
import io.strata.contract.job.JobType;
import io.strata.platform.store.ProcessorProgress;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resources as query-service's GETs return them, read (only) from its tables, once its projections
 * have handled the source event: a payload must never show an older state than a GET right after it.
 * Processor names and columns mirror query-service's ReadModels and projections (not a dependency:
 * the processes only share the database).
 */
@Component
public class QuerySideResources {
    static final String DATABASES = "query.databases";
    static final String JOBS = "query.jobs";
    static final String API_KEYS = "query.api-keys";
    // Backs off from 2 ms to 50 ms: a fixed 100 ms poll added ~50 ms on average to every webhook's latency.
    private static final long FIRST_POLL_MILLIS = 2;
    private static final long MAX_POLL_MILLIS = 50;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Duration wait;

    private final ObjectProvider<EventProcessingConfiguration> localProcessors;

    public QuerySideResources(JdbcTemplate jdbc, Serializer serializer, WebhookProperties properties,
                              ObjectProvider<EventProcessingConfiguration> localProcessors) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.wait = properties.querySideWait();
        this.localProcessors = localProcessors;
    }

    /** Waits (bounded) until the processors have handled the position; throws so the source event is retried. */
    public void awaitProcessed(Set<String> processors, long position) {
        ProcessorProgress progress = new ProcessorProgress(jdbc, serializer, processors);
        // When query-service runs in this JVM (the standalone), its in-memory positions answer without a query.
        localProcessors.ifAvailable(progress::setLocalProcessors);
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = FIRST_POLL_MILLIS;
        while (!progress.hasProcessed(position)) {
            if (System.nanoTime() > deadline) {
                throw new QuerySideBehindException(processors + " have not reached position " + position + " yet");
            }
            try {
                Thread.sleep(pause);
                pause = Math.min(pause * 2, MAX_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QuerySideBehindException("interrupted while waiting for " + processors);
            }
        }
    }

    public Optional<JobResource> job(String id) {
        return jdbc.query("select id, type, state, resource_type, resource_id, attempts, max_attempts, next_attempt_at, "
                        + "error_code, error_message, error_retryable, created_at, started_at, finished_at from q_jobs where id = ?",
                (rs, i) -> new JobResource(rs.getString(1), JobType.of(rs.getString(2)),
                        JobState.of(rs.getString(3)), ResourceType.of(rs.getString(4)),
                        rs.getString(5), rs.getInt(6), rs.getInt(7), instant(rs.getTimestamp(8)),
                        rs.getString(9) == null ? null : new Failure(rs.getString(9), rs.getString(10), rs.getBoolean(11)),
                        instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14))),
                id).stream().findFirst();
    }

    public Optional<DatabaseResource> database(String id) {
        return jdbc.query("select id, project_id, name, engine, status, host, port, database_name, managed, created_at, "
                        + "updated_at, version from q_databases where id = ?",
                (rs, i) -> new DatabaseResource(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        DatabaseStatus.of(rs.getString(5)), rs.getString(6), (Integer) rs.getObject(7), rs.getString(8), rs.getBoolean(9),
                        instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)), rs.getLong(12)),
                id).stream().findFirst();
    }

    /** Never the secret nor its hash; lastUsedAt comes from the authentication table, as in the GET. */
    public Optional<ApiKeyResource> apiKey(String id) {
        return jdbc.query("""
                        select k.id, k.organization_id, k.name, k.prefix, k.scopes, k.project_id, k.created_at,
                               l.last_used_at, k.expires_at, k.revoked_at
                        from q_api_keys k left join api_key_lookup l on l.api_key_id = k.id where k.id = ?""",
                (rs, i) -> new ApiKeyResource(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        new LinkedHashSet<>(List.of((String[]) rs.getArray(5).getArray())), rs.getString(6),
                        instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)),
                        instant(rs.getTimestamp(10))),
                id).stream().findFirst();
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    /** The query side is behind (or a row is missing): the tracking processor retries the source event. */
    public static class QuerySideBehindException extends RuntimeException {
        public QuerySideBehindException(String message) {
            super(message);
        }
    }
}
