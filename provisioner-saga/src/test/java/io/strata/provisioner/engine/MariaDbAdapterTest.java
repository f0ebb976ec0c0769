package io.strata.provisioner.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static io.strata.provisioner.engine.EngineTestSupport.closedPort;
import static io.strata.provisioner.engine.EngineTestSupport.engineFailure;
import static io.strata.provisioner.engine.EngineTestSupport.env;
import static io.strata.provisioner.engine.EngineTestSupport.ro;
import static io.strata.provisioner.engine.EngineTestSupport.rw;
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

    private final MariaDbAdapter adapter = new MariaDbAdapter(new EngineProperties(null,
            new EngineProperties.Server(ADMIN_URL, ADMIN_USER, ADMIN_PASSWORD, null, null), null));
    private final List<String> created = new ArrayList<>();

    @AfterEach
    void cleanUp() throws EngineException {
        for (String id : created) {
            adapter.deprovision(id);
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
        EngineStatus status = adapter.status();
        assertThat(status.available()).isTrue();
        assertThat(status.versions().get(0)).matches("\\d+(\\.\\d+)*");
    }

    @Test
    void lifecycle() throws Exception {
        String id = newDatabaseId();
        String name = EngineNames.of(id);
        String password = "pw1-" + UUID.randomUUID();
        EngineLocation location = adapter.provision(id, password);
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
        assertThat(adapter.check(target).ok()).isTrue();

        assertThat(adapter.query(target, rw("create table items (id int primary key, label varchar(20), "
                + "at datetime, raw varbinary(10), flag boolean)")).columns()).isEmpty();
        QueryResult insert = adapter.query(target, rw("insert into items (id, label) values (?, ?), (?, ?), (?, ?)",
                1, "a", 2, "b", 3, "c"));
        assertThat(insert.rowCount()).isEqualTo(3);
        assertThat(insert.rows()).isEmpty();

        QueryResult capped = adapter.query(target, new QueryRequest("select id, label from items where id >= ? order by id",
                List.of(1), false, 5_000, 2));
        assertThat(capped.columns()).extracting(QueryResult.Column::name).containsExactly("id", "label");
        assertThat(capped.columns()).extracting(QueryResult.Column::type).containsExactly("INTEGER", "VARCHAR");
        assertThat(capped.rows()).containsExactly(List.of(1, "a"), List.of(2, "b"));
        assertThat(capped.truncated()).isTrue();
        QueryResult all = adapter.query(target, new QueryRequest("select id from items order by id", List.of(), true, 5_000, 3));
        assertThat(all.rows()).containsExactly(List.of(1), List.of(2), List.of(3));
        assertThat(all.truncated()).isFalse();

        QueryResult values = adapter.query(target, ro("select cast('2024-05-06 07:08:09' as datetime) as ts, "
                + "x'0102ff' as raw, null as nothing, date '2024-01-02' as day"));
        assertThat(values.rows().get(0)).containsExactly("2024-05-06T07:08:09", "AQL/", null, "2024-01-02");

        // read-only refuses writes, including DDL that would commit implicitly
        EngineException readOnly = engineFailure(() -> adapter.query(target, ro("insert into items (id) values (?)", 4)));
        assertThat(readOnly.code()).isEqualTo("query_error");
        assertThat(readOnly.getMessage()).containsIgnoringCase("read only");
        assertThat(engineFailure(() -> adapter.query(target, ro("create table sneaky (x int)"))).code()).isEqualTo("query_error");
        assertThat(engineFailure(() -> adapter.query(target, ro("commit; insert into items (id) values (5)"))).code())
                .isEqualTo("query_error");
        assertThat(adapter.query(target, ro("select count(*) from items")).rows()).containsExactly(List.of(3L));
        assertThat(adapter.tables(target)).extracting(TableInfo::name).containsExactly("items");

        EngineException sqlError = engineFailure(() -> adapter.query(target, rw("select * from no_such_table")));
        assertThat(sqlError.code()).isEqualTo("query_error");
        assertThat(sqlError.getMessage()).contains("no_such_table").doesNotContain(password);
        assertThat(engineFailure(() -> adapter.query(target, rw("select ?", 1, 2))).code()).isEqualTo("query_error");
        assertThat(engineFailure(() -> adapter.query(target, rw("select ?, ?", 1))).code()).isEqualTo("query_error");

        long started = System.nanoTime();
        EngineException timeout = engineFailure(() -> adapter.query(target,
                new QueryRequest("select sleep(5)", List.of(), false, 500, 10)));
        assertThat(timeout.code()).isEqualTo("query_error");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(4_000);

        assertThat(adapter.tables(target)).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("items");
            assertThat(t.schema()).isEqualTo(name);
        });
        assertThat(adapter.sizeBytes(id)).isPositive();

        // rotation: MariaDB refuses the old password natively
        String newPassword = "pw2-" + UUID.randomUUID();
        adapter.rotatePassword(id, newPassword);
        SQLException refused = catchThrowableOfType(() -> connect(location, password).close(), SQLException.class);
        assertThat((Throwable) refused).isNotNull();
        assertThat(refused.getErrorCode()).isEqualTo(1045);
        ConnectionCheck old = adapter.check(target);
        assertThat(old.ok()).isFalse();
        assertThat(old.failure().code()).isEqualTo("database_auth_failed");
        assertThat(old.failure().message()).doesNotContain(password);
        ConnectionTarget rotated = target(location, newPassword);
        assertThat(adapter.check(rotated).ok()).isTrue();

        assertThat(adapter.provision(id, newPassword)).isEqualTo(location);
        assertThat(adapter.query(rotated, ro("select count(*) from items")).rows()).containsExactly(List.of(3L));

        try (Connection held = connect(location, newPassword)) {
            held.createStatement().execute("select 1");
            adapter.deprovision(id);
            assertThat((Throwable) catchThrowableOfType(() -> held.createStatement().execute("select 1"), SQLException.class))
                    .isNotNull();
        }
        assertThat(count("select count(*) from information_schema.schemata where schema_name = ?", name)).isZero();
        assertThat(count("select count(*) from mysql.user where user = ?", name)).isZero();
        adapter.deprovision(id);
        assertThat(adapter.check(rotated).ok()).isFalse();
        assertThat(engineFailure(() -> adapter.sizeBytes(id)).code()).isEqualTo("not_found");
        assertThat(engineFailure(() -> adapter.rotatePassword(id, "x")).code()).isEqualTo("not_found");
    }

    @Test
    void tenantsAreIsolated() throws Exception {
        String idA = newDatabaseId();
        String idB = newDatabaseId();
        String pwA = "pwA-" + UUID.randomUUID();
        EngineLocation a = adapter.provision(idA, pwA);
        EngineLocation b = adapter.provision(idB, "pwB-" + UUID.randomUUID());

        ConnectionTarget aIntoB = new ConnectionTarget("mariadb", b.host(), b.port(), b.databaseName(), a.user(), pwA);
        ConnectionCheck check = adapter.check(aIntoB);
        assertThat(check.ok()).isFalse();
        assertThat(check.failure().code()).isEqualTo("database_permission_denied");
        ConnectionTarget targetA = new ConnectionTarget("mariadb", a.host(), a.port(), a.databaseName(), a.user(), pwA);
        EngineException cross = engineFailure(() -> adapter.query(targetA, ro("select * from " + b.databaseName() + ".x")));
        assertThat(cross.code()).isEqualTo("query_error");
        assertThat(engineFailure(() -> adapter.query(targetA, ro("select * from mysql.user"))).code()).isEqualTo("query_error");
        ConnectionTarget wrong = new ConnectionTarget("mariadb", a.host(), a.port(), a.databaseName(), a.user(), "nope");
        assertThat(adapter.check(wrong).failure().code()).isEqualTo("database_auth_failed");
    }

    @Test
    void checkReportsAnUnreachableServer() throws Exception {
        ConnectionTarget closed = new ConnectionTarget("mariadb", "127.0.0.1", closedPort(), "s_x", "s_x", "pw");
        ConnectionCheck check = adapter.check(closed);
        assertThat(check.ok()).isFalse();
        assertThat(check.failure().code()).isEqualTo("database_unreachable");
        assertThat(check.failure().retryable()).isTrue();
    }
}
