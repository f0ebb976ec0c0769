package io.strata.webhooks.fanout;

import io.strata.contract.ResourceType;
import io.strata.contract.apikey.ApiKeyEvents.ApiKeyCreated;
import io.strata.contract.apikey.ApiKeyEvents.ApiKeyRevoked;
import io.strata.contract.database.DatabaseEvents.DatabaseCreationRequested;
import io.strata.contract.database.DatabaseEvents.DatabaseReady;
import io.strata.contract.database.DatabaseEvents.DatabaseRenamed;
import io.strata.contract.database.DatabaseStatus;
import io.strata.contract.job.DatabaseOutcome;
import io.strata.contract.job.JobEvents.JobCompleted;
import io.strata.contract.job.JobEvents.JobStarted;
import io.strata.contract.job.JobState;
import io.strata.contract.job.JobType;
import io.strata.platform.auth.ApiKeyLookup;
import io.strata.platform.store.ModuleSchema;
import io.strata.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The payload views against a real PostgreSQL: folded in event order, as a GET shows the resources. */
class PayloadViewsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123456789Z");

    private JdbcTemplate jdbc;
    private ApiKeyLookup lookup;
    private PayloadViews views;

    @BeforeEach
    void setUp() {
        TestDatabase.Server server = TestDatabase.server();
        String url = TestDatabase.fresh();
        for (ModuleSchema schema : List.of(new ModuleSchema("platform"), new ModuleSchema("webhooks"))) {
            Flyway.configure().dataSource(url, server.user(), server.password())
                    .locations(schema.location()).table(schema.historyTable())
                    .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        }
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url, server.user(), server.password()));
        lookup = new ApiKeyLookup(jdbc);
        views = new PayloadViews(jdbc, lookup);
    }

    @Test
    void aJobAndItsDatabaseReadAsAfterEveryEventBeforeTheOneSent() {
        views.fold(new DatabaseCreationRequested("db_1", "org_1", "prj_1", "orders", "postgres", "job_1", 3), T0, 0);
        views.fold(new JobStarted("job_1", "org_1", JobType.DATABASE_CREATE, ResourceType.DATABASE, "db_1", 3), T0.plusSeconds(1), 0);
        views.fold(new DatabaseReady("db_1", "org_1", "prj_1", "job_1",
                new DatabaseOutcome("pg.internal", 5432, "orders", "u_orders", 1, "fp")), T0.plusSeconds(2), 1);
        views.fold(new JobCompleted("job_1", "org_1", JobType.DATABASE_CREATE, "db_1"), T0.plusSeconds(3), 2);

        var job = views.job("job_1").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.attempts()).isEqualTo(1);
        // Microseconds, rounded half up: what a read table (and so the GET) keeps.
        assertThat(job.createdAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00.123457Z"));
        assertThat(job.finishedAt()).isEqualTo(Instant.parse("2026-01-01T10:00:03.123457Z"));
        var database = views.database("db_1").orElseThrow();
        assertThat(database.status()).isEqualTo(DatabaseStatus.READY);
        assertThat(database.host()).isEqualTo("pg.internal");
        assertThat(database.version()).isEqualTo(1);
    }

    @Test
    void anEventSeenAgainChangesNothing() {
        views.fold(new DatabaseCreationRequested("db_1", "org_1", "prj_1", "orders", "postgres", "job_1", 3), T0, 0);
        views.fold(new DatabaseRenamed("db_1", "org_1", "prj_1", "billing"), T0.plusSeconds(1), 1);
        var renamed = views.database("db_1").orElseThrow();

        views.fold(new DatabaseCreationRequested("db_1", "org_1", "prj_1", "orders", "postgres", "job_1", 3), T0, 0);
        views.fold(new DatabaseRenamed("db_1", "org_1", "prj_1", "billing"), T0.plusSeconds(5), 1);

        assertThat(views.database("db_1")).contains(renamed);
    }

    @Test
    void anApiKeyKeepsItsScopesInOrderAndTakesItsLastUseFromTheAuthenticationTable() {
        views.fold(new ApiKeyCreated("key_1", "org_1", "ci", Set.of("jobs:read", "databases:write", "databases:read"),
                null, null, "sk_ab", "hash"), T0, 0);
        lookup.insert("key_1", "hash", "org_1", null, "ci", new String[]{"databases:read"}, null);
        jdbc.update("update api_key_lookup set last_used_at = ? where api_key_id = 'key_1'",
                Timestamp.from(T0.plusSeconds(60)));
        views.fold(new ApiKeyRevoked("key_1", "org_1"), T0.plusSeconds(90), 1);

        var key = views.apiKey("key_1").orElseThrow();
        assertThat(key.scopes()).containsExactly("databases:read", "databases:write", "jobs:read");
        assertThat(key.lastUsedAt()).isEqualTo(Instant.parse("2026-01-01T10:01:00.123457Z"));
        assertThat(key.revokedAt()).isEqualTo(Instant.parse("2026-01-01T10:01:30.123457Z"));
        assertThat(views.apiKey("key_2")).isEmpty();
    }
}
