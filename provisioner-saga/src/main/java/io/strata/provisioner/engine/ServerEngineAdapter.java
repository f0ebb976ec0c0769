package io.strata.provisioner.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * What the server engines (PostgreSQL, MariaDB) share: the configured server, the live status from a
 * version query on the admin connection, and opening the admin and tenant connections. The SQL each
 * engine runs, and its driver's properties, stay in its adapter.
 */
abstract class ServerEngineAdapter implements EngineAdapter {
    private final String id;
    private final String product;
    final EngineProperties.Server server;

    ServerEngineAdapter(String id, String product, EngineProperties.Server server) {
        this.id = id;
        this.product = product;
        this.server = server;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean enabled() {
        return server.enabled();
    }

    @Override
    public EngineStatus status() {
        if (!enabled()) {
            return new EngineStatus(id, product, List.of(), false);
        }
        try (Connection c = admin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(versionQuery())) {
            String version = rs.next() ? rs.getString(1) : "unknown";
            return new EngineStatus(id, product, List.of(version.split("[ -]")[0]), true);
        } catch (SQLException | EngineException e) {
            return new EngineStatus(id, product, List.of(), false);
        }
    }

    /** A query whose one value is the server's version, e.g. {@code 10.11.6-MariaDB}. */
    abstract String versionQuery();

    /** The driver properties of an admin connection besides the credentials (timeouts in the driver's units). */
    abstract void adminProperties(Properties props);

    /** A tenant connection; the socket timeout is in the unit of the driver's timeout properties. */
    abstract Connection tenant(ConnectionTarget target, int socketTimeout) throws SQLException, EngineException;

    final Connection admin() throws EngineException {
        if (!enabled()) {
            throw new EngineException(EngineException.ENGINE_UNAVAILABLE, id + " is not configured", false);
        }
        Properties props = credentials(server.adminUser(), server.adminPassword());
        adminProperties(props);
        try {
            return DriverManager.getConnection(server.adminUrl(), props);
        } catch (SQLException e) {
            throw EngineErrors.admin(id, "connecting as admin", e);
        }
    }

    /** A tenant connection; failures to connect become the check failure codes. */
    final Connection connectTenant(ConnectionTarget target, int socketTimeout) throws EngineException {
        try {
            return tenant(target, socketTimeout);
        } catch (SQLException e) {
            throw EngineErrors.dataPlane(id, e, target.password(), true);
        }
    }

    /** Refuses a target no tenant connection may be opened to, before any driver sees it. */
    static void requireValidTarget(ConnectionTarget target) throws EngineException {
        if (!ServerAddress.safeHost(target.host()) || target.port() <= 0 || target.port() > 65535
                || target.databaseName() == null || target.databaseName().isEmpty()) {
            throw new EngineException(EngineErrors.ERROR, "invalid connection target", false);
        }
    }

    static Properties credentials(String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user == null ? "" : user);
        props.setProperty("password", password == null ? "" : password);
        return props;
    }
}
