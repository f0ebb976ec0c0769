package io.strata.engines.mariadb;

import io.strata.contract.database.Engines;
import io.strata.engines.EngineException;
import io.strata.engines.EngineLocation;
import io.strata.engines.EngineNames;
import io.strata.engines.EngineTimeouts;
import io.strata.engines.PasswordHashes;
import io.strata.engines.ServerSettings;
import io.strata.engines.jdbc.ServerAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * MariaDB's DDL: per Strata database a schema and a user {@code 's_…'@'%'} granted ALL on that
 * schema only. Passwords are sent as {@code mysql_native_password} hashes, never as plaintext.
 */
final class MariaDbAdmin extends ServerAdmin {
    private static final Logger log = LoggerFactory.getLogger(MariaDbAdmin.class);
    private final EngineTimeouts timeouts;

    MariaDbAdmin(ServerSettings server, EngineTimeouts timeouts) {
        super(Engines.MARIADB, "MariaDB", MariaDbEngine.DEFAULT_PORT, server);
        this.timeouts = timeouts;
    }

    @Override
    protected String versionQuery() {
        return "select version()";
    }

    @Override
    protected void adminProperties(Properties props) {
        MariaDbEngine.timeouts(props, timeouts.connect(), timeouts.adminRead());
    }

    private static String account(String name) {
        return "'" + name + "'@'%'"; // name matches EngineNames.PATTERN: nothing to escape
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
