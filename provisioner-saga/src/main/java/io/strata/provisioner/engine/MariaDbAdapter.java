package io.strata.provisioner.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * MariaDB: per Strata database a schema and a user {@code 's_…'@'%'} granted ALL on that schema only.
 * Passwords are sent as {@code mysql_native_password} hashes, never as plaintext.
 */
@Component
public class MariaDbAdapter extends ServerEngineAdapter {
    private static final Logger log = LoggerFactory.getLogger(MariaDbAdapter.class);
    static final int DEFAULT_PORT = 3306;
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    public MariaDbAdapter(EngineProperties engines) {
        super("mariadb", "MariaDB", engines.mariadb());
    }

    @Override
    String versionQuery() {
        return "select version()";
    }

    @Override
    void adminProperties(Properties props) {
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_MS));
        props.setProperty("socketTimeout", "60000");
    }

    private static String account(String name) {
        return "'" + name + "'@'%'"; // name matches EngineNames.PATTERN: nothing to escape
    }

    @Override
    public EngineLocation provision(String databaseId, String password) throws EngineException {
        String name = EngineNames.of(databaseId);
        String hash = PasswordHashes.mysqlNative(password);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + EngineNames.quoteBacktick(name));
            s.execute("CREATE USER IF NOT EXISTS " + account(name) + " IDENTIFIED BY PASSWORD '" + hash + "'");
            s.execute("ALTER USER " + account(name) + " IDENTIFIED BY PASSWORD '" + hash + "'");
            s.execute("GRANT ALL PRIVILEGES ON " + EngineNames.quoteBacktick(name) + ".* TO " + account(name));
        } catch (SQLException e) {
            throw EngineErrors.admin(id(), "provisioning " + name, e);
        }
        log.info("mariadb: provisioned schema and user {} for {}", name, databaseId);
        ServerAddress address = ServerAddress.publicOf(server, DEFAULT_PORT);
        return new EngineLocation(address.host(), address.port(), name, name);
    }

    @Override
    public void rotatePassword(String databaseId, String newPassword) throws EngineException {
        String name = EngineNames.of(databaseId);
        String hash = PasswordHashes.mysqlNative(newPassword);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("ALTER USER " + account(name) + " IDENTIFIED BY PASSWORD '" + hash + "'");
        } catch (SQLException e) {
            if (e.getErrorCode() == 1396) { // operation ALTER USER failed: no such user
                throw new EngineException(EngineException.NOT_FOUND, "mariadb: user " + name + " does not exist", false);
            }
            throw EngineErrors.admin(id(), "rotating the password of " + name, e);
        }
        log.info("mariadb: rotated the password of user {} for {}", name, databaseId);
    }

    @Override
    public void deprovision(String databaseId) throws EngineException {
        String name = EngineNames.of(databaseId);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP USER IF EXISTS " + account(name)); // no new sessions from here on
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select id from information_schema.processlist where user = ? or db = ?")) {
                ps.setString(1, name);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            for (long id : ids) {
                try {
                    s.execute("KILL CONNECTION " + id);
                } catch (SQLException e) {
                    if (e.getErrorCode() != 1094) { // unknown thread id: already gone
                        throw e;
                    }
                }
            }
            s.execute("DROP DATABASE IF EXISTS " + EngineNames.quoteBacktick(name));
        } catch (SQLException e) {
            throw EngineErrors.admin(id(), "deprovisioning " + name, e);
        }
        log.info("mariadb: deprovisioned schema and user {} for {}", name, databaseId);
    }

    @Override
    public long sizeBytes(String databaseId) throws EngineException {
        String name = EngineNames.of(databaseId);
        try (Connection c = admin()) {
            try (PreparedStatement ps = c.prepareStatement("select 1 from information_schema.schemata where schema_name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new EngineException(EngineException.NOT_FOUND, "mariadb: schema " + name + " does not exist", false);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select coalesce(sum(data_length + index_length), 0) "
                    + "from information_schema.tables where table_schema = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw EngineErrors.admin(id(), "measuring " + name, e);
        }
    }

    @Override
    public ConnectionCheck check(ConnectionTarget target) {
        Instant checkedAt = Instant.now();
        long started = System.nanoTime();
        try (Connection c = tenant(target, CONNECT_TIMEOUT_MS); Statement s = c.createStatement()) {
            s.setQueryTimeout(CONNECT_TIMEOUT_MS / 1000);
            s.executeQuery("select 1").close();
            return ConnectionCheck.ok(checkedAt, JdbcQueries.elapsed(started));
        } catch (SQLException e) {
            return ConnectionCheck.failed(checkedAt, JdbcQueries.elapsed(started),
                    EngineErrors.classify(id(), e, target.password()));
        } catch (EngineException e) {
            return ConnectionCheck.failed(checkedAt, JdbcQueries.elapsed(started),
                    new ConnectionCheck.Failure(e.code(), e.getMessage(), e.retryable()));
        }
    }

    @Override
    public List<TableInfo> tables(ConnectionTarget target) throws EngineException {
        try (Connection c = connectTenant(target, CONNECT_TIMEOUT_MS * 2)) {
            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(CONNECT_TIMEOUT_MS * 2 / 1000);
                List<TableInfo> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select table_name, table_schema, coalesce(table_rows, 0) "
                        + "from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE' "
                        + "order by table_name")) {
                    while (rs.next()) {
                        tables.add(new TableInfo(rs.getString(1), rs.getString(2), rs.getLong(3)));
                    }
                }
                return tables;
            }
        } catch (SQLException e) {
            throw EngineErrors.dataPlane(id(), e, target.password(), false);
        }
    }

    @Override
    public QueryResult query(ConnectionTarget target, QueryRequest request) throws EngineException {
        long started = System.nanoTime();
        int timeoutMs = request.effectiveTimeoutMs();
        try (Connection c = connectTenant(target, timeoutMs + CONNECT_TIMEOUT_MS * 2)) {
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("SET SESSION max_statement_time = " + (timeoutMs / 1000.0));
                    if (request.readOnly()) {
                        // Also for statements that commit implicitly (DDL): they are refused in read-only mode.
                        s.execute("SET SESSION TRANSACTION READ ONLY");
                    }
                }
                c.setAutoCommit(false);
                if (request.readOnly()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("START TRANSACTION READ ONLY");
                    }
                }
                QueryResult result = JdbcQueries.execute(c, request, started);
                if (request.readOnly()) {
                    c.rollback();
                } else {
                    c.commit();
                }
                return result;
            } catch (SQLException | EngineException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // closed next
                }
                throw e;
            }
        } catch (SQLException e) {
            throw EngineErrors.dataPlane(id(), e, target.password(), false);
        }
    }

    @Override
    Connection tenant(ConnectionTarget target, int socketTimeoutMs) throws SQLException, EngineException {
        requireValidTarget(target);
        Properties props = credentials(target.user(), target.password());
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_MS));
        props.setProperty("socketTimeout", String.valueOf(Math.max(CONNECT_TIMEOUT_MS, socketTimeoutMs)));
        props.setProperty("allowMultiQueries", "false"); // one statement per request
        props.setProperty("allowLocalInfile", "false");
        props.setProperty("useServerPrepStmts", "true"); // parameter count comes from the server
        Connection c = DriverManager.getConnection("jdbc:mariadb://" + ServerAddress.urlHost(target.host()) + ":"
                + target.port() + "/", props);
        try {
            c.setCatalog(target.databaseName()); // USE `db`, escaped by the driver
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }
}
