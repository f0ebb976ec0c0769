package io.strata.engines.jdbc;

import io.strata.engines.ConnectionFailures;
import io.strata.engines.EngineAdmin;
import io.strata.engines.EngineException;
import io.strata.engines.EngineLocation;
import io.strata.engines.EngineStatus;
import io.strata.engines.ServerSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The admin side of a server engine (PostgreSQL, MariaDB): the configured server, the live status
 * from a version query, and the one copy of "open the admin connection, run the work, classify the
 * failure". An engine keeps only its DDL, its version query and its driver's properties.
 */
public abstract class ServerAdmin implements EngineAdmin {
    /** One read on the admin connection: DDL can take a while. */
    private static final Duration ADMIN_READ_TIMEOUT = Duration.ofSeconds(60);
    private final String engine;
    private final String product;
    private final int defaultPort;
    private final ServerSettings server;
    private final Duration connectTimeout;

    protected ServerAdmin(String engine, String product, int defaultPort, ServerSettings server, Duration connectTimeout) {
        this.engine = engine;
        this.product = product;
        this.defaultPort = defaultPort;
        this.server = server == null ? ServerSettings.NONE : server;
        this.connectTimeout = connectTimeout;
    }

    /** Work on the admin connection; a statement for the DDL comes with it. */
    @FunctionalInterface
    protected interface AdminWork<T> {
        T run(Connection c, Statement s) throws SQLException, EngineException;
    }

    /** A query whose one value is the server's version, e.g. {@code 10.11.6-MariaDB}. */
    protected abstract String versionQuery();

    /** The driver properties of an admin connection besides the credentials. */
    protected abstract void adminProperties(Properties props, Duration connect, Duration read);

    @Override
    public final boolean enabled() {
        return server.enabled();
    }

    @Override
    public final EngineStatus status() {
        if (!enabled()) {
            return new EngineStatus(engine, product, List.of(), false);
        }
        try {
            String version = admin("reading the version", (c, s) -> {
                try (ResultSet rs = s.executeQuery(versionQuery())) {
                    return rs.next() ? rs.getString(1) : "unknown";
                }
            });
            return new EngineStatus(engine, product, List.of(version.split("[ -]")[0]), true);
        } catch (EngineException e) {
            return new EngineStatus(engine, product, List.of(), false);
        }
    }

    /** Runs the work as admin; an SQL failure while {@code what} becomes engine_unavailable or engine_error. */
    protected final <T> T admin(String what, AdminWork<T> work) throws EngineException {
        if (!enabled()) {
            throw new EngineException(EngineException.ENGINE_UNAVAILABLE, engine + " is not configured", false);
        }
        Properties props = DriverProperties.credentials(server.adminUser(), server.adminPassword());
        adminProperties(props, connectTimeout, ADMIN_READ_TIMEOUT);
        try (Connection c = DriverManager.getConnection(server.adminUrl(), props); Statement s = c.createStatement()) {
            return work.run(c, s);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** An admin-side failure: the engine is down (retryable) or refused the operation. */
    private EngineException failure(String what, SQLException e) {
        if (ConnectionFailures.UNREACHABLE.equals(ConnectionFailures.code(engine, e.getSQLState(), e.getErrorCode(), e))) {
            return new EngineException(EngineException.ENGINE_UNAVAILABLE, engine + " unavailable while " + what + ": "
                    + EngineException.messageOf(e), true, e);
        }
        return new EngineException(EngineException.ENGINE_ERROR, engine + " failed while " + what + ": "
                + EngineException.messageOf(e), ConnectionFailures.retryableState(e.getSQLState()), e);
    }

    /** Where clients reach a database of this server: the public host/port, else the admin URL's. */
    protected final EngineLocation location(String name) {
        ServerAddress address = ServerAddress.publicOf(server, defaultPort);
        return new EngineLocation(address.host(), address.port(), name, name);
    }

    protected static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
