package io.strata.engines.postgres;

import io.strata.contract.database.Engines;
import io.strata.engines.ConnectionTarget;
import io.strata.engines.EngineException;
import io.strata.engines.EngineTimeouts;
import io.strata.engines.QueryRequest;
import io.strata.engines.jdbc.EngineErrors;
import io.strata.engines.jdbc.DriverProperties;
import io.strata.engines.jdbc.JdbcTenant;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** PostgreSQL's dialect of the tenant side. */
final class PostgresTenant extends JdbcTenant {
    PostgresTenant(EngineTimeouts timeouts) {
        super(Engines.POSTGRES, timeouts);
    }

    @Override
    protected Connection open(ConnectionTarget target, boolean readOnly, Duration readTimeout)
            throws SQLException, EngineException {
        requireValidServerTarget(target);
        String url = "jdbc:postgresql://" + urlHost(target.host()) + ":" + target.port() + "/"
                + URLEncoder.encode(target.databaseName(), StandardCharsets.UTF_8);
        Properties props = DriverProperties.credentials(target.user(), target.password());
        PostgresEngine.timeouts(props, connectTimeout, readTimeout);
        props.setProperty("stringtype", "unspecified"); // JSON strings typed by the server, e.g. into int columns
        props.setProperty("ApplicationName", "strata-data-plane");
        return DriverManager.getConnection(url, props);
    }

    @Override
    protected List<String> sessionSetup(Duration statementTimeout, boolean readOnly) {
        String timeout = "SET statement_timeout = " + statementTimeout.toMillis();
        return readOnly ? List.of(timeout, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY") : List.of(timeout);
    }

    @Override
    protected void beginReadOnly(Connection c) throws SQLException {
        c.setReadOnly(true);
        try (Statement s = c.createStatement()) {
            // BEGIN READ ONLY, then take the snapshot: from here on nothing can switch the
            // transaction back to read-write.
            s.execute("SET TRANSACTION READ ONLY");
            s.executeQuery("select 1").close();
        }
    }

    @Override
    protected String tablesQuery() {
        return "select c.relname, n.nspname, greatest(c.reltuples, 0)::bigint "
                + "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') "
                + "and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%' "
                + "order by n.nspname, c.relname";
    }

    /**
     * pgjdbc splits a multi-statement string client-side; a {@code COMMIT; SET ...; INSERT} could then
     * leave the read-only transaction. Read-only requests take exactly one statement.
     */
    @Override
    protected void refuse(QueryRequest request) throws EngineException {
        if (!request.readOnly()) {
            return;
        }
        try {
            List<NativeQuery> parsed = Parser.parseJdbcSql(request.query(), true, true, true, false, false);
            if (parsed.stream().filter(q -> !q.nativeSql.isBlank()).count() > 1) {
                throw new EngineException(EngineException.QUERY_ERROR, "a read-only query must be a single statement", false);
            }
        } catch (SQLException e) {
            throw new EngineException(EngineException.QUERY_ERROR, EngineErrors.message(e), false);
        }
    }
}
