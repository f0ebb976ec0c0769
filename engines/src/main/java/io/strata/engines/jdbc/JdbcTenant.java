package io.strata.engines.jdbc;

import io.strata.contract.Failure;
import io.strata.engines.ConnectionCheck;
import io.strata.engines.ConnectionFailures;
import io.strata.engines.ConnectionTarget;
import io.strata.engines.EngineException;
import io.strata.engines.EngineTenant;
import io.strata.engines.QueryRequest;
import io.strata.engines.QueryResult;
import io.strata.engines.TableInfo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The tenant side of every engine, and the only copy of its JDBC work: open → session setup →
 * begin (read-only when asked) → execute → commit or roll back → classify the failure. An engine
 * supplies a small dialect through the hooks: how to open a connection, the session and
 * transaction statements, and its catalog query for tables.
 */
public abstract class JdbcTenant implements EngineTenant {
    private final String engine;
    protected final Duration connectTimeout;

    protected JdbcTenant(String engine, Duration connectTimeout) {
        this.engine = engine;
        this.connectTimeout = connectTimeout;
    }

    /** Opens a connection as the tenant; {@code readTimeout} bounds every read on it. */
    protected abstract Connection open(ConnectionTarget target, boolean readOnly, Duration readTimeout)
            throws SQLException, EngineException;

    /** Run before the transaction, in autocommit: the statement timeout and, when asked, a read-only session. */
    protected List<String> sessionSetup(Duration statementTimeout, boolean readOnly) {
        return List.of();
    }

    /** Makes the just-begun transaction read-only, for good (nothing to do on a read-only connection). */
    protected void beginReadOnly(Connection c) throws SQLException {
    }

    /** Rows of (name, schema, row estimate), ordered. */
    protected abstract String tablesQuery();

    /** Refuses a request before any connection is opened. */
    protected void refuse(QueryRequest request) throws EngineException {
    }

    protected String checkQuery() {
        return "select 1";
    }

    protected List<TableInfo> tables(Statement s) throws SQLException {
        List<TableInfo> tables = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(tablesQuery())) {
            while (rs.next()) {
                tables.add(new TableInfo(rs.getString(1), rs.getString(2), rs.getLong(3)));
            }
        }
        return tables;
    }

    @Override
    public final ConnectionCheck check(ConnectionTarget target) {
        Instant checkedAt = Instant.now();
        long started = System.nanoTime();
        try (Connection c = open(target, true, connectTimeout); Statement s = c.createStatement()) {
            s.setQueryTimeout(DriverProperties.wholeSeconds(connectTimeout));
            s.executeQuery(checkQuery()).close();
            return new ConnectionCheck(true, checkedAt, JdbcQueries.elapsed(started), null);
        } catch (SQLException e) {
            return new ConnectionCheck(false, checkedAt, JdbcQueries.elapsed(started), ConnectionFailures.classify(engine, e));
        } catch (EngineException e) {
            return new ConnectionCheck(false, checkedAt, JdbcQueries.elapsed(started), e.failure());
        }
    }

    @Override
    public final List<TableInfo> tables(ConnectionTarget target) throws EngineException {
        Duration timeout = connectTimeout.multipliedBy(2);
        try (Connection c = connect(target, true, timeout); Statement s = c.createStatement()) {
            s.setQueryTimeout(DriverProperties.wholeSeconds(timeout));
            return tables(s);
        } catch (SQLException e) {
            throw statementFailure(e, target.password());
        }
    }

    @Override
    public final QueryResult query(ConnectionTarget target, QueryRequest request) throws EngineException {
        long started = System.nanoTime();
        refuse(request);
        Duration timeout = request.effectiveTimeout();
        try (Connection c = connect(target, request.readOnly(), timeout.plus(connectTimeout.multipliedBy(2)))) {
            try {
                List<String> setup = sessionSetup(timeout, request.readOnly());
                if (!setup.isEmpty()) {
                    try (Statement s = c.createStatement()) {
                        for (String sql : setup) {
                            s.execute(sql);
                        }
                    }
                }
                c.setAutoCommit(false);
                if (request.readOnly()) {
                    beginReadOnly(c);
                }
                QueryResult result = JdbcQueries.execute(c, request, started);
                if (request.readOnly()) {
                    c.rollback(); // nothing to keep, and nothing may be kept
                } else {
                    c.commit();
                }
                return result;
            } catch (SQLException | EngineException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw statementFailure(e, target.password());
        }
    }

    /** A failure to open the connection is a connection failure, not a query error. */
    private Connection connect(ConnectionTarget target, boolean readOnly, Duration readTimeout) throws EngineException {
        try {
            return open(target, readOnly, readTimeout);
        } catch (SQLException e) {
            Failure f = ConnectionFailures.classify(engine, e);
            throw new EngineException(f.code(), f.message(), f.retryable());
        }
    }

    /**
     * A tenant statement failed: the engine's message, which is what the tenant needs to fix the SQL,
     * with the password removed should an engine ever echo it.
     */
    private EngineException statementFailure(SQLException e, String password) {
        String message = EngineException.messageOf(e);
        if (password != null && !password.isEmpty()) {
            message = message.replace(password, "***");
        }
        boolean unreachable = ConnectionFailures.UNREACHABLE.equals(
                ConnectionFailures.code(engine, e.getSQLState(), e.getErrorCode(), e));
        return unreachable ? new EngineException(ConnectionFailures.UNREACHABLE, message, true)
                : new EngineException(EngineException.QUERY_ERROR, message, false);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is closed next anyway
        }
    }

    /** Refuses a server target no tenant connection may be opened to, before any driver sees it. */
    protected static void requireValidServerTarget(ConnectionTarget target) throws EngineException {
        if (!ServerAddress.safeHost(target.host()) || target.port() <= 0 || target.port() > 65535
                || target.databaseName() == null || target.databaseName().isEmpty()) {
            throw new EngineException(ConnectionFailures.ERROR, "invalid connection target", false);
        }
    }
}
