package io.strata.engines;

import io.strata.engines.mariadb.MariaDbEngine;
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
 * Against the REAL local MariaDB (127.0.0.1:3306, root without password; override with
 * {@code STRATA_TEST_MARIADB_URL}, {@code STRATA_TEST_MARIADB_USER}, {@code STRATA_TEST_MARIADB_PASSWORD}).
 * MariaDB checks passwords natively, so the credential assertions are real.
 */
class MariaDbAdapterTest {
    static final String ADMIN_URL = env("STRATA_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");
    static final String ADMIN_USER = env("STRATA_TEST_MARIADB_USER", "root");
    static final String ADMIN_PASSWORD = env("STRATA_TEST_MARIADB_PASSWORD", "");

    private final Engine engine = MariaDbEngine.create(new ServerSettings(ADMIN_URL, ADMIN_USER, ADMIN_PASSWORD, null, null),
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
        return new ConnectionTarget("mariadb", location.host(), location.port(), location.databaseName(),
                location.user(), password);
    }

    private static Connection connect(EngineLocation location, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", location.user());
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5000");
        return DriverManager.getConnection("jdbc:mariadb://" + location.host() + ":" + location.port() + "/"
                + location.databaseName(), props);
    }

    private static long count(String sql, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, ADMIN_USER, ADMIN_PASSWORD);
             var ps = c.prepareStatement(sql)) {
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
        assertThat(status.versions().get(0)).matches("\\d+(\\.\\d+)*");
    }

    @Test
    void lifecycle() throws Exception {
        String id = newDatabaseId();
        String name = EngineNames.of(id);
        String password = "pw1-" + UUID.randomUUID();
        EngineLocation location = admin.provision(id, password);
        assertThat(location).isEqualTo(new EngineLocation("127.0.0.1", 3306, name, name));
        assertThat(count("select count(*) from information_schema.schemata where schema_name = ?", name)).isOne();
        assertThat(count("select count(*) from mysql.user where user = ? and host = '%'", name)).isOne();

        try (Connection c = connect(location, password); ResultSet rs = c.createStatement().executeQuery(
                "select current_user(), database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(name + "@%");
            assertThat(rs.getString(2)).isEqualTo(name);
        }
        ConnectionTarget target = target(location, password);
        assertThat(tenant.check(target).ok()).isTrue();

        assertThat(tenant.query(target, rw("create table items (id int primary key, label varchar(20), "
                + "at datetime, raw varbinary(10), flag boolean)")).columns()).isEmpty();
        QueryResult insert = tenant.query(target, rw("insert into items (id, label) values (?, ?), (?, ?), (?, ?)",
                1, "a", 2, "b", 3, "c"));
        assertThat(insert.rowCount()).isEqualTo(3);
        assertThat(insert.rows()).isEmpty();

        QueryResult capped = tenant.query(target, new QueryRequest("select id, label from items where id >= ? order by id",
                List.of(1), false, Duration.ofMillis(5_000), 2));
        assertThat(capped.columns()).extracting(QueryResult.Column::name).containsExactly("id", "label");
        assertThat(capped.columns()).extracting(QueryResult.Column::type).containsExactly("INTEGER", "VARCHAR");
        assertThat(capped.rows()).containsExactly(List.of(1, "a"), List.of(2, "b"));
        assertThat(capped.truncated()).isTrue();
        QueryResult all = tenant.query(target, new QueryRequest("select id from items order by id", List.of(), true, Duration.ofMillis(5_000), 3));
        assertThat(all.rows()).containsExactly(List.of(1), List.of(2), List.of(3));
        assertThat(all.truncated()).isFalse();

        QueryResult values = tenant.query(target, ro("select cast('2024-05-06 07:08:09' as datetime) as ts, "
                + "x'0102ff' as raw, null as nothing, date '2024-01-02' as day"));
        assertThat(values.rows().get(0)).containsExactly("2024-05-06T07:08:09", "AQL/", null, "2024-01-02");

        // read-only refuses writes, including DDL that would commit implicitly
        EngineException readOnly = engineFailure(() -> tenant.query(target, ro("insert into items (id) values (?)", 4)));
        assertThat(readOnly.code()).isEqualTo("query_error");
        assertThat(readOnly.getMessage()).containsIgnoringCase("read only");
        assertThat(engineFailure(() -> tenant.query(target, ro("create table sneaky (x int)"))).code()).isEqualTo("query_error");
        assertThat(engineFailure(() -> tenant.query(target, ro("commit; insert into items (id) values (5)"))).code())
                .isEqualTo("query_error");
        assertThat(tenant.query(target, ro("select count(*) from items")).rows()).containsExactly(List.of(3L));
        assertThat(tenant.tables(target)).extracting(TableInfo::name).containsExactly("items");

        EngineException sqlError = engineFailure(() -> tenant.query(target, rw("select * from no_such_table")));
        assertThat(sqlError.code()).isEqualTo("query_error");
        assertThat(sqlError.getMessage()).contains("no_such_table").doesNotContain(password);
        assertThat(engineFailure(() -> tenant.query(target, rw("select ?", 1, 2))).code()).isEqualTo("query_error");
        assertThat(engineFailure(() -> tenant.query(target, rw("select ?, ?", 1))).code()).isEqualTo("query_error");

        long started = System.nanoTime();
        EngineException timeout = engineFailure(() -> tenant.query(target,
                new QueryRequest("select sleep(5)", List.of(), false, Duration.ofMillis(500), 10)));
        assertThat(timeout.code()).isEqualTo("query_error");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(4_000);

        assertThat(tenant.tables(target)).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("items");
            assertThat(t.schema()).isEqualTo(name);
        });
        assertThat(admin.sizeBytes(id)).isPositive();

        // rotation: MariaDB refuses the old password natively
        String newPassword = "pw2-" + UUID.randomUUID();
        admin.rotatePassword(id, newPassword);
        SQLException refused = catchThrowableOfType(() -> connect(location, password).close(), SQLException.class);
        assertThat((Throwable) refused).isNotNull();
        assertThat(refused.getErrorCode()).isEqualTo(1045);
        ConnectionCheck old = tenant.check(target);
        assertThat(old.ok()).isFalse();
        assertThat(old.failure().code()).isEqualTo("database_auth_failed");
        assertThat(old.failure().message()).doesNotContain(password);
        ConnectionTarget rotated = target(location, newPassword);
        assertThat(tenant.check(rotated).ok()).isTrue();

        assertThat(admin.provision(id, newPassword)).isEqualTo(location);
        assertThat(tenant.query(rotated, ro("select count(*) from items")).rows()).containsExactly(List.of(3L));

        try (Connection held = connect(location, newPassword)) {
            held.createStatement().execute("select 1");
            admin.deprovision(id);
            assertThat((Throwable) catchThrowableOfType(() -> held.createStatement().execute("select 1"), SQLException.class))
                    .isNotNull();
        }
        assertThat(count("select count(*) from information_schema.schemata where schema_name = ?", name)).isZero();
        assertThat(count("select count(*) from mysql.user where user = ?", name)).isZero();
        admin.deprovision(id);
        assertThat(tenant.check(rotated).ok()).isFalse();
        assertThat(engineFailure(() -> admin.sizeBytes(id)).code()).isEqualTo("not_found");
        assertThat(engineFailure(() -> admin.rotatePassword(id, "x")).code()).isEqualTo("not_found");
    }

    @Test
    void tenantsAreIsolated() throws Exception {
        String idA = newDatabaseId();
        String idB = newDatabaseId();
        String pwA = "pwA-" + UUID.randomUUID();
        EngineLocation a = admin.provision(idA, pwA);
        EngineLocation b = admin.provision(idB, "pwB-" + UUID.randomUUID());

        ConnectionTarget aIntoB = new ConnectionTarget("mariadb", b.host(), b.port(), b.databaseName(), a.user(), pwA);
        ConnectionCheck check = tenant.check(aIntoB);
        assertThat(check.ok()).isFalse();
        assertThat(check.failure().code()).isEqualTo("database_permission_denied");
        ConnectionTarget targetA = new ConnectionTarget("mariadb", a.host(), a.port(), a.databaseName(), a.user(), pwA);
        EngineException cross = engineFailure(() -> tenant.query(targetA, ro("select * from " + b.databaseName() + ".x")));
        assertThat(cross.code()).isEqualTo("query_error");
        assertThat(engineFailure(() -> tenant.query(targetA, ro("select * from mysql.user"))).code()).isEqualTo("query_error");
        ConnectionTarget wrong = new ConnectionTarget("mariadb", a.host(), a.port(), a.databaseName(), a.user(), "nope");
        assertThat(tenant.check(wrong).failure().code()).isEqualTo("database_auth_failed");
    }

    @Test
    void checkReportsAnUnreachableServer() throws Exception {
        ConnectionTarget closed = new ConnectionTarget("mariadb", "127.0.0.1", closedPort(), "s_x", "s_x", "pw");
        ConnectionCheck check = tenant.check(closed);
        assertThat(check.ok()).isFalse();
        assertThat(check.failure().code()).isEqualTo("database_unreachable");
        assertThat(check.failure().retryable()).isTrue();
    }
}
