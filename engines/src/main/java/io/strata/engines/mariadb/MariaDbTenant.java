package io.strata.engines.mariadb;

import io.strata.contract.database.Engines;
import io.strata.engines.ConnectionTarget;
import io.strata.engines.EngineException;
import io.strata.engines.EngineTimeouts;
import io.strata.engines.jdbc.DriverProperties;
import io.strata.engines.jdbc.JdbcTenant;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** MariaDB's dialect of the tenant side. */
final class MariaDbTenant extends JdbcTenant {
    MariaDbTenant(EngineTimeouts timeouts) {
        super(Engines.MARIADB, timeouts);
    }

    @Override
    protected Connection open(ConnectionTarget target, boolean readOnly, Duration readTimeout)
            throws SQLException, EngineException {
        requireValidServerTarget(target);
        Properties props = DriverProperties.credentials(target.user(), target.password());
        MariaDbEngine.timeouts(props, connectTimeout, readTimeout);
        props.setProperty("allowMultiQueries", "false"); // one statement per request
        props.setProperty("allowLocalInfile", "false");
        props.setProperty("useServerPrepStmts", "true"); // parameter count comes from the server
        Connection c = DriverManager.getConnection("jdbc:mariadb://" + urlHost(target.host()) + ":" + target.port() + "/", props);
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
