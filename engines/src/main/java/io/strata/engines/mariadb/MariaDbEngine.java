package io.strata.engines.mariadb;

import io.strata.contract.database.Engines;
import io.strata.engines.ConnectionTarget;
import io.strata.engines.Engine;
import io.strata.engines.EngineException;
import io.strata.engines.EngineLocation;
import io.strata.engines.EngineNames;
import io.strata.engines.PasswordHashes;
import io.strata.engines.ServerSettings;
import io.strata.engines.jdbc.DriverProperties;
import io.strata.engines.jdbc.JdbcTenant;
import io.strata.engines.jdbc.ServerAddress;
import io.strata.engines.jdbc.ServerAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * MariaDB: per Strata database a schema and a user {@code 's_…'@'%'} granted ALL on that schema only.
 * Passwords are sent as {@code mysql_native_password} hashes, never as plaintext.
 */
public final class MariaDbEngine {
    private static final Logger log = LoggerFactory.getLogger(MariaDbEngine.class);

    private MariaDbEngine() {
    }

    public static Engine create(ServerSettings server, Duration connectTimeout) {
        return new Engine(Engines.MARIADB, new Admin(server, connectTimeout), new Tenant(connectTimeout));
    }

    /** MariaDB Connector/J counts its timeouts in milliseconds. */
    private static void timeouts(Properties props, Duration connect, Duration read) {
        props.setProperty("connectTimeout", DriverProperties.millis(connect));
        props.setProperty("socketTimeout", DriverProperties.millis(read));
    }

    private static String account(String name) {
        return "'" + name + "'@'%'"; // name matches EngineNames.PATTERN: nothing to escape
    }

    /** The DDL, run as admin. */
    private static final class Admin extends ServerAdmin {
        Admin(ServerSettings server, Duration connectTimeout) {
            super(Engines.MARIADB, "MariaDB", 3306, server, connectTimeout);
        }

        @Override
        protected String versionQuery() {
            return "select version()";
        }

        @Override
        protected void adminProperties(Properties props, Duration connect, Duration read) {
            timeouts(props, connect, read);
        }

        @Override
        public EngineLocation provision(String databaseId, String password) throws EngineException {
            String name = EngineNames.of(databaseId);
            String hash = PasswordHashes.mysqlNative(password);
            admin("provisioning " + name, (c, s) -> {
                s.execute("CREATE DATABASE IF NOT EXISTS " + EngineNames.quoteBacktick(name));
                s.execute("CREATE USER IF NOT EXISTS " + account(name) + " IDENTIFIED BY PASSWORD '" + hash + "'");
                s.execute("ALTER USER " + account(name) + " IDENTIFIED BY PASSWORD '" + hash + "'");
                return s.execute("GRANT ALL PRIVILEGES ON " + EngineNames.quoteBacktick(name) + ".* TO " + account(name));
            });
            log.info("mariadb: provisioned schema and user {} for {}", name, databaseId);
            return location(name);
        }

        @Override
        public void rotatePassword(String databaseId, String newPassword) throws EngineException {
            String name = EngineNames.of(databaseId);
            String hash = PasswordHashes.mysqlNative(newPassword);
            admin("rotating the password of " + name, (c, s) -> {
                try {
                    return s.execute("ALTER USER " + account(name) + " IDENTIFIED BY PASSWORD '" + hash + "'");
                } catch (SQLException e) {
                    if (e.getErrorCode() == 1396) { // operation ALTER USER failed: no such user
                        throw new EngineException(EngineException.NOT_FOUND, "mariadb: user " + name + " does not exist", false);
                    }
                    throw e;
                }
            });
            log.info("mariadb: rotated the password of user {} for {}", name, databaseId);
        }

        @Override
        public void deprovision(String databaseId) throws EngineException {
            String name = EngineNames.of(databaseId);
            admin("deprovisioning " + name, (c, s) -> {
                s.execute("DROP USER IF EXISTS " + account(name)); // no new sessions from here on
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("select id from information_schema.processlist where user = ? or db = ?")) {
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
                return s.execute("DROP DATABASE IF EXISTS " + EngineNames.quoteBacktick(name));
            });
            log.info("mariadb: deprovisioned schema and user {} for {}", name, databaseId);
        }

        @Override
        public long sizeBytes(String databaseId) throws EngineException {
            String name = EngineNames.of(databaseId);
            return admin("measuring " + name, (c, s) -> {
                if (!exists(c, "select 1 from information_schema.schemata where schema_name = ?", name)) {
                    throw new EngineException(EngineException.NOT_FOUND, "mariadb: schema " + name + " does not exist", false);
                }
                try (PreparedStatement ps = c.prepareStatement("select coalesce(sum(data_length + index_length), 0) "
                        + "from information_schema.tables where table_schema = ?")) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
        }
    }

    /** The tenant side's dialect. */
    private static final class Tenant extends JdbcTenant {
        Tenant(Duration connectTimeout) {
            super(Engines.MARIADB, connectTimeout);
        }

        @Override
        protected Connection open(ConnectionTarget target, boolean readOnly, Duration readTimeout)
                throws SQLException, EngineException {
            requireValidServerTarget(target);
            Properties props = DriverProperties.credentials(target.user(), target.password());
            timeouts(props, connectTimeout, readTimeout);
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

        @Override
        protected List<String> sessionSetup(Duration statementTimeout, boolean readOnly) {
            String timeout = "SET SESSION max_statement_time = " + (statementTimeout.toMillis() / 1000.0); // seconds
            // Read-only also for statements that commit implicitly (DDL): they are refused in read-only mode.
            return readOnly ? List.of(timeout, "SET SESSION TRANSACTION READ ONLY") : List.of(timeout);
        }

        @Override
        protected void beginReadOnly(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute("START TRANSACTION READ ONLY");
            }
        }

        @Override
        protected String tablesQuery() {
            return "select table_name, table_schema, coalesce(table_rows, 0) from information_schema.tables "
                    + "where table_schema = database() and table_type = 'BASE TABLE' order by table_name";
        }
    }
}
