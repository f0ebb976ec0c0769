package io.strata.engines;

import io.strata.engines.postgres.PostgresEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static io.strata.engines.EngineTestSupport.closedPort;
import static io.strata.engines.EngineTestSupport.engineFailure;
import static io.strata.engines.EngineTestSupport.env;
import static io.strata.engines.EngineTestSupport.ro;
import static io.strata.engines.EngineTestSupport.rw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Against a REAL PostgreSQL that enforces passwords: the scram-sha-256 cluster on 127.0.0.1:5433 that
 * {@code .ci/start-scram-postgres.sh} creates and starts (run it as root first). The trust-auth server on
 * 5432 would make every "old password refused" assertion pass vacuously. Override the admin connection
 * with {@code STRATA_TEST_SCRAM_PG_URL} and {@code STRATA_TEST_SCRAM_PG_PASSWORD}.
 */
class PostgresAdapterTest {
    static final String ADMIN_URL = env("STRATA_TEST_SCRAM_PG_URL", "jdbc:postgresql://127.0.0.1:5433/postgres");
    static final String ADMIN_PASSWORD = env("STRATA_TEST_SCRAM_PG_PASSWORD", "strata-admin");

    private final Engine engine = PostgresEngine.create(new ServerSettings(ADMIN_URL, "postgres", ADMIN_PASSWORD, null, null),
            EngineRegistry.DEFAULT_CONNECT_TIMEOUT);
    private final EngineAdmin admin = engine.admin();
    private final EngineTenant tenant = engine.tenant();
    private final List<String> created = new ArrayList<>();

    @AfterEach
    void cleanUp() throws EngineException {
        for (String id : created) {
            admin.deprovision(id);
        }
    }

    private String newDatabaseId() {
        String id = "db_test_" + UUID.randomUUID();
        created.add(id);
        return id;
    }

    private static ConnectionTarget target(EngineLocation location, String password) {
        return new ConnectionTarget("postgres", location.host(), location.port(), location.databaseName(),
                location.user(), password);
    }

    private static Connection connect(EngineLocation location, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", location.user());
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + location.host() + ":" + location.port() + "/"
                + location.databaseName(), props);
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(ADMIN_URL, "postgres", ADMIN_PASSWORD);
    }

    private static long count(String sql, String name) throws SQLException {
        try (Connection c = admin(); var ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void statusIsLive() {
        EngineStatus status = admin.status();
        assertThat(status.available()).isTrue();
        assertThat(status.versions()).hasSize(1);
        assertThat(status.versions().get(0)).matches("\\d+(\\.\\d+)*");
    }

    @Test
    void lifecycle() throws Exception {
        String id = newDatabaseId();
        String name = EngineNames.of(id);
        String password = "pw1-" + UUID.randomUUID();
        EngineLocation location = admin.provision(id, password);
        assertThat(location).isEqualTo(new EngineLocation("127.0.0.1", 5433, name, name));
        assertThat(count("select count(*) from pg_roles where rolname = ? and rolcanlogin and not rolsuper", name)).isOne();
        assertThat(count("select count(*) from pg_database d join pg_roles r on r.oid = d.datdba "
                + "where d.datname = ? and r.rolname = d.datname", name)).isOne();
        // the stored verifier is SCRAM, never the plaintext
        try (Connection c = admin(); var ps = c.prepareStatement("select rolpassword from pg_authid where rolname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("SCRAM-SHA-256$4096:").doesNotContain(password);
            }
        }

        // the tenant's own credentials work with the engine's driver
        try (Connection c = connect(location, password); ResultSet rs = c.createStatement().executeQuery(
                "select current_user, current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(name);
            assertThat(rs.getString(2)).isEqualTo(name);
        }
        ConnectionTarget target = target(location, password);
        ConnectionCheck check = tenant.check(target);
        assertThat(check.ok()).as("%s", check).isTrue();
        assertThat(check.failure()).isNull();

        // DDL and DML with positional params
        QueryResult ddl = tenant.query(target, rw("create table items (id int primary key, label text, at timestamptz, "
                + "raw bytea, flag boolean, price numeric)"));
        assertThat(ddl.columns()).isEmpty();
        assertThat(ddl.rows()).isEmpty();
        QueryResult insert = tenant.query(target, rw("insert into items (id, label) values (?, ?), (?, ?), (?, ?)",
                1, "a", 2, "b", 3, "c"));
        assertThat(insert.rowCount()).isEqualTo(3);
        assertThat(insert.columns()).isEmpty();

        // row cap: at most maxRows, truncated when there are more
        QueryResult capped = tenant.query(target, new QueryRequest("select id, label from items where id >= ? order by id",
                List.of(1), false, Duration.ofMillis(5_000), 2));
        assertThat(capped.columns()).containsExactly(new QueryResult.Column("id", "int4"), new QueryResult.Column("label", "text"));
        assertThat(capped.rows()).containsExactly(List.of(1, "a"), List.of(2, "b"));
        assertThat(capped.rowCount()).isEqualTo(2);
        assertThat(capped.truncated()).isTrue();
        QueryResult all = tenant.query(target, new QueryRequest("select id from items order by id", List.of(), true, Duration.ofMillis(5_000), 3));
        assertThat(all.rows()).containsExactly(List.of(1), List.of(2), List.of(3));
        assertThat(all.truncated()).isFalse();

        // JSON-friendly values
        QueryResult values = tenant.query(target, ro("select '2024-05-06T07:08:09Z'::timestamptz at time zone 'UTC' as ts, "
                + "'\\x0102ff'::bytea as raw, true as flag, null::text as nothing, 1.50::numeric as price, "
                + "date '2024-01-02' as day"));
        assertThat(values.rows().get(0)).containsExactly("2024-05-06T07:08:09", "AQL/", true, null,
                new java.math.BigDecimal("1.50"), "2024-01-02");

        // read-only really refuses writes, also smuggled behind a COMMIT
        EngineException readOnly = engineFailure(() -> tenant.query(target, ro("insert into items (id) values (?)", 4)));
        assertThat(readOnly.code()).isEqualTo("query_error");
        assertThat(readOnly.getMessage()).contains("read-only");
        assertThat(engineFailure(() -> tenant.query(target, ro("create table sneaky (x int)"))).code())
                .isEqualTo("query_error");
        assertThat(engineFailure(() -> tenant.query(target,
                ro("commit; set default_transaction_read_only = off; insert into items (id) values (5)"))).code())
                .isEqualTo("query_error");
        assertThat(tenant.query(target, ro("select count(*) from items")).rows()).containsExactly(List.of(3L));
        assertThat(tenant.tables(target)).extracting(TableInfo::name).doesNotContain("sneaky");

        // SQL errors carry the engine's message
        EngineException sqlError = engineFailure(() -> tenant.query(target, rw("select * from no_such_table")));
        assertThat(sqlError.code()).isEqualTo("query_error");
        assertThat(sqlError.retryable()).isFalse();
        assertThat(sqlError.getMessage()).contains("no_such_table").doesNotContain(password);

        // parameter count mismatches
        assertThat(engineFailure(() -> tenant.query(target, rw("select ?::int", 1, 2))).code()).isEqualTo("query_error");
        assertThat(engineFailure(() -> tenant.query(target, rw("select ?::int, ?::int", 1))).code()).isEqualTo("query_error");

        // statement timeout
        long started = System.nanoTime();
        EngineException timeout = engineFailure(() -> tenant.query(target,
                new QueryRequest("select pg_sleep(5)", List.of(), false, Duration.ofMillis(500), 10)));
        assertThat(timeout.code()).isEqualTo("query_error");
        assertThat(timeout.getMessage()).contains("statement timeout");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(4_000);

        // tables
        assertThat(tenant.tables(target)).containsExactly(new TableInfo("items", "public", 0));
        assertThat(admin.sizeBytes(id)).isPositive();

        // rotation: the old password is refused by the engine, the new one works
        String newPassword = "pw2-" + UUID.randomUUID();
        admin.rotatePassword(id, newPassword);
        SQLException refused = catchThrowableOfType(() -> connect(location, password).close(), SQLException.class);
        assertThat((Throwable) refused).isNotNull();
        assertThat(refused.getSQLState()).isEqualTo("28P01");
        ConnectionCheck old = tenant.check(target);
        assertThat(old.ok()).isFalse();
        assertThat(old.failure().code()).isEqualTo("database_auth_failed");
        assertThat(old.failure().retryable()).isFalse();
        assertThat(old.failure().message()).doesNotContain(password);
        EngineException oldQuery = engineFailure(() -> tenant.query(target, ro("select 1")));
        assertThat(oldQuery.code()).isEqualTo("database_auth_failed");
        ConnectionTarget rotated = target(location, newPassword);
        assertThat(tenant.check(rotated).ok()).isTrue();

        // provision again: idempotent, the data stays, the password is (re)set
        assertThat(admin.provision(id, newPassword)).isEqualTo(location);
        assertThat(tenant.query(rotated, ro("select count(*) from items")).rows()).containsExactly(List.of(3L));

        // deprovision terminates an open session and removes database and role
        try (Connection held = connect(location, newPassword)) {
            held.createStatement().execute("select 1");
            admin.deprovision(id);
            assertThat((Throwable) catchThrowableOfType(() -> held.createStatement().execute("select 1"), SQLException.class))
                    .isNotNull();
        }
        assertThat(count("select count(*) from pg_database where datname = ?", name)).isZero();
        assertThat(count("select count(*) from pg_roles where rolname = ?", name)).isZero();
        admin.deprovision(id); // twice is fine
        assertThat(tenant.check(rotated).ok()).isFalse();
        assertThat(engineFailure(() -> admin.sizeBytes(id)).code()).isEqualTo("not_found");
        assertThat(engineFailure(() -> admin.rotatePassword(id, "x")).code()).isEqualTo("not_found");
    }

    @Test
    void tenantsAreIsolated() throws Exception {
        String idA = newDatabaseId();
        String idB = newDatabaseId();
        String pwA = "pwA-" + UUID.randomUUID();
        String pwB = "pwB-" + UUID.randomUUID();
        EngineLocation a = admin.provision(idA, pwA);
        EngineLocation b = admin.provision(idB, pwB);

        // A's role cannot open B's database
        ConnectionTarget aIntoB = new ConnectionTarget("postgres", b.host(), b.port(), b.databaseName(), a.user(), pwA);
        ConnectionCheck check = tenant.check(aIntoB);
        assertThat(check.ok()).isFalse();
        assertThat(check.failure().code()).isEqualTo("database_permission_denied");
        assertThat(check.failure().message()).doesNotContain(pwA);
        assertThat(engineFailure(() -> tenant.query(aIntoB, ro("select 1"))).code())
                .isEqualTo("database_permission_denied");
        // B's password does not open A's role
        ConnectionTarget wrongPassword = new ConnectionTarget("postgres", a.host(), a.port(), a.databaseName(), a.user(), pwB);
        assertThat(tenant.check(wrongPassword).failure().code()).isEqualTo("database_auth_failed");

        // A cannot read password verifiers
        ConnectionTarget targetA = new ConnectionTarget("postgres", a.host(), a.port(), a.databaseName(), a.user(), pwA);
        EngineException authid = engineFailure(() -> tenant.query(targetA, ro("select rolname, rolpassword from pg_authid")));
        assertThat(authid.code()).isEqualTo("query_error");
        assertThat(authid.getMessage()).contains("permission denied");
        // A cannot create roles or databases either
        assertThat(engineFailure(() -> tenant.query(targetA, rw("create role intruder login"))).code()).isEqualTo("query_error");
    }

    @Test
    void checkReportsAnUnreachableServer() throws Exception {
        ConnectionTarget closed = new ConnectionTarget("postgres", "127.0.0.1", closedPort(), "s_x", "s_x", "pw");
        ConnectionCheck check = tenant.check(closed);
        assertThat(check.ok()).isFalse();
        assertThat(check.failure().code()).isEqualTo("database_unreachable");
        assertThat(check.failure().retryable()).isTrue();
        assertThat(check.checkedAt()).isNotNull();
        EngineException query = engineFailure(() -> tenant.query(closed, ro("select 1")));
        assertThat(query.code()).isEqualTo("database_unreachable");
        assertThat(query.retryable()).isTrue();
    }

    @Test
    void adminOperationsReportAnUnavailableEngine() throws Exception {
        EngineAdmin down = PostgresEngine.create(new ServerSettings(
                "jdbc:postgresql://127.0.0.1:" + closedPort() + "/postgres", "postgres", "x", null, null), EngineRegistry.DEFAULT_CONNECT_TIMEOUT).admin();
        assertThat(down.status().available()).isFalse();
        EngineException e = engineFailure(() -> down.provision("db_x", "pw"));
        assertThat(e.code()).isEqualTo("engine_unavailable");
        assertThat(e.retryable()).isTrue();
    }
}
