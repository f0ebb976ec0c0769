package io.strata.engines;

import io.strata.engines.sqlite.SqliteEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.strata.engines.EngineTestSupport.engineFailure;
import static io.strata.engines.EngineTestSupport.ro;
import static io.strata.engines.EngineTestSupport.rw;
import static org.assertj.core.api.Assertions.assertThat;

/** Against real SQLite files in a temporary data dir (removed by JUnit). */
class SqliteAdapterTest {
    @TempDir
    Path dataDir;

    @Test
    void lifecycle() throws Exception {
        Engine engine = SqliteEngine.create(new SqliteSettings(dataDir), EngineRegistry.DEFAULT_CONNECT_TIMEOUT);
        EngineAdmin admin = engine.admin();
        EngineTenant tenant = engine.tenant();
        assertThat(admin.status().available()).isTrue();
        String id = "db_test_" + UUID.randomUUID();
        EngineLocation location = admin.provision(id, "ignored");
        Path file = dataDir.toAbsolutePath().normalize().resolve(EngineNames.of(id) + ".db");
        assertThat(location).isEqualTo(new EngineLocation(null, 0, file.toString(), null));
        assertThat(file).exists();
        assertThat(admin.provision(id, "ignored")).isEqualTo(location); // idempotent

        ConnectionTarget target = new ConnectionTarget("sqlite", null, 0, location.databaseName(), null, null);
        assertThat(tenant.check(target).ok()).isTrue();
        tenant.query(target, rw("create table items (id integer primary key, label text, raw blob)"));
        assertThat(tenant.query(target, rw("insert into items (id, label) values (?, ?), (?, ?), (?, ?)",
                1, "a", 2, "b", 3, "c")).rowCount()).isEqualTo(3);
        QueryResult capped = tenant.query(target, new QueryRequest("select id, label from items where id >= ? order by id",
                List.of(1), true, Duration.ofMillis(5_000), 2));
        assertThat(capped.rows()).containsExactly(List.of(1, "a"), List.of(2, "b"));
        assertThat(capped.truncated()).isTrue();
        assertThat(capped.columns()).extracting(QueryResult.Column::type).containsExactly("INTEGER", "TEXT");
        assertThat(tenant.query(target, ro("select x'0102ff', null")).rows().get(0)).containsExactly("AQL/", null);

        EngineException readOnly = engineFailure(() -> tenant.query(target, ro("insert into items (id) values (?)", 4)));
        assertThat(readOnly.code()).isEqualTo("query_error");
        assertThat(readOnly.getMessage()).containsIgnoringCase("readonly");
        assertThat(tenant.query(target, ro("select count(*) from items")).rows()).containsExactly(List.of(3));
        assertThat(engineFailure(() -> tenant.query(target, rw("select * from no_such_table"))).code()).isEqualTo("query_error");
        assertThat(engineFailure(() -> tenant.query(target, rw("select ?", 1, 2))).code()).isEqualTo("query_error");

        // a tenant reaches its own file only
        Path other = dataDir.resolve("other.db");
        assertThat(engineFailure(() -> tenant.query(target, rw("attach database '" + other + "' as other"))).code())
                .isEqualTo("query_error");
        assertThat(other).doesNotExist();
        ConnectionTarget outside = new ConnectionTarget("sqlite", null, 0, "/etc/passwd", null, null);
        assertThat(tenant.check(outside).ok()).isFalse();
        assertThat(engineFailure(() -> tenant.query(outside, ro("select 1"))).code()).isEqualTo("database_error");

        assertThat(tenant.tables(target)).containsExactly(new TableInfo("items", "main", 3));
        assertThat(admin.sizeBytes(id)).isPositive();
        admin.rotatePassword(id, "whatever"); // no-op

        admin.deprovision(id);
        assertThat(file).doesNotExist();
        assertThat(Files.list(dataDir)).isEmpty();
        admin.deprovision(id);
        ConnectionCheck gone = tenant.check(target);
        assertThat(gone.ok()).isFalse();
        assertThat(gone.failure().code()).isEqualTo("database_error");
        assertThat(dataDir.resolve(EngineNames.of(id) + ".db")).doesNotExist(); // check never creates the file
    }
}
