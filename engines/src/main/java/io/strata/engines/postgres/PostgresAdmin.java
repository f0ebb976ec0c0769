package io.strata.engines.postgres;

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
import java.util.Properties;

/**
 * PostgreSQL's DDL: per Strata database a LOGIN role with a SCRAM-SHA-256 verifier (computed here,
 * so no plaintext password reaches the server) and a database it owns, with CONNECT revoked from PUBLIC.
 */
final class PostgresAdmin extends ServerAdmin {
    private static final Logger log = LoggerFactory.getLogger(PostgresAdmin.class);
    private static final String ROLE_EXISTS = "select 1 from pg_roles where rolname = ?";
    private final EngineTimeouts timeouts;

    PostgresAdmin(ServerSettings server, EngineTimeouts timeouts) {
        super(Engines.POSTGRES, "PostgreSQL", PostgresEngine.DEFAULT_PORT, server);
        this.timeouts = timeouts;
    }

    @Override
    protected String versionQuery() {
        return "show server_version";
    }

    @Override
    protected void adminProperties(Properties props) {
        PostgresEngine.timeouts(props, timeouts.connect(), timeouts.adminRead());
        props.setProperty("ApplicationName", "strata-provisioner");
    }

    @Override
    public EngineLocation provision(String databaseId, String password) throws EngineException {
        String name = EngineNames.of(databaseId);
        String ident = EngineNames.quoteIdent(name);
        String verifier = PasswordHashes.scramSha256(password);
        admin("provisioning " + name, (c, s) -> {
            if (exists(c, ROLE_EXISTS, name)) {
                s.execute("ALTER ROLE " + ident + " WITH LOGIN PASSWORD '" + verifier + "'");
            } else {
                try {
                    s.execute("CREATE ROLE " + ident + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '"
                            + verifier + "'");
                } catch (SQLException e) {
                    if (!"42710".equals(e.getSQLState())) { // duplicate_object: created concurrently
                        throw e;
                    }
                    s.execute("ALTER ROLE " + ident + " WITH LOGIN PASSWORD '" + verifier + "'");
                }
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", name)) {
                try {
                    s.execute("CREATE DATABASE " + ident + " OWNER " + ident); // autocommit: not in a transaction
                } catch (SQLException e) {
                    if (!"42P04".equals(e.getSQLState())) { // duplicate_database: created concurrently
                        throw e;
                    }
                }
            }
            s.execute("ALTER DATABASE " + ident + " OWNER TO " + ident);
            s.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + ident + " FROM PUBLIC");
            s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + ident + " TO " + ident);
            return null;
        });
        log.info("postgres: provisioned database and role {} for {}", name, databaseId);
        return location(name);
    }

    @Override
    public void rotatePassword(String databaseId, String newPassword) throws EngineException {
        String name = EngineNames.of(databaseId);
        String verifier = PasswordHashes.scramSha256(newPassword);
        admin("rotating the password of " + name, (c, s) -> {
            if (!exists(c, ROLE_EXISTS, name)) {
                throw new EngineException(EngineException.NOT_FOUND, "postgres: role " + name + " does not exist", false);
            }
            return s.execute("ALTER ROLE " + EngineNames.quoteIdent(name) + " WITH PASSWORD '" + verifier + "'");
        });
        log.info("postgres: rotated the password of role {} for {}", name, databaseId);
    }

    @Override
    public void deprovision(String databaseId) throws EngineException {
        String name = EngineNames.of(databaseId);
        String ident = EngineNames.quoteIdent(name);
        admin("deprovisioning " + name, (c, s) -> {
            boolean role = exists(c, ROLE_EXISTS, name);
            if (role) {
                s.execute("ALTER ROLE " + ident + " NOLOGIN"); // no new sessions while we drop
            }
            try (PreparedStatement ps = c.prepareStatement("select pg_terminate_backend(pid) from pg_stat_activity "
                    + "where (datname = ? or usename = ?) and pid <> pg_backend_pid()")) {
                ps.setString(1, name);
                ps.setString(2, name);
                ps.executeQuery().close();
            }
            s.execute("DROP DATABASE IF EXISTS " + ident + " WITH (FORCE)");
            if (role) {
                s.execute("DROP OWNED BY " + ident); // privileges and objects in the admin database
                s.execute("DROP ROLE IF EXISTS " + ident);
            }
            return null;
        });
        log.info("postgres: deprovisioned database and role {} for {}", name, databaseId);
    }

    @Override
    public long sizeBytes(String databaseId) throws EngineException {
        String name = EngineNames.of(databaseId);
        return admin("measuring " + name, (c, s) -> {
            try (PreparedStatement ps = c.prepareStatement("select pg_database_size(datname) from pg_database where datname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new EngineException(EngineException.NOT_FOUND, "postgres: database " + name + " does not exist", false);
                    }
                    return rs.getLong(1);
                }
            }
        });
    }
}
