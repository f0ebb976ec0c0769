package io.strata.engines.postgres;

import io.strata.contract.database.Engines;
import io.strata.engines.ConnectionTarget;
import io.strata.engines.Engine;
import io.strata.engines.EngineException;
import io.strata.engines.EngineLocation;
import io.strata.engines.EngineNames;
import io.strata.engines.PasswordHashes;
import io.strata.engines.QueryRequest;
import io.strata.engines.ServerSettings;
import io.strata.engines.jdbc.DriverProperties;
import io.strata.engines.jdbc.JdbcTenant;
import io.strata.engines.jdbc.ServerAddress;
import io.strata.engines.jdbc.ServerAdmin;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * PostgreSQL: per Strata database a LOGIN role with a SCRAM-SHA-256 verifier (computed here, so no
 * plaintext password reaches the server) and a database it owns, with CONNECT revoked from PUBLIC.
 */
public final class PostgresEngine {
    private static final Logger log = LoggerFactory.getLogger(PostgresEngine.class);
    private static final String ROLE_EXISTS = "select 1 from pg_roles where rolname = ?";

    private PostgresEngine() {
    }

    public static Engine create(ServerSettings server, Duration connectTimeout) {
        return new Engine(Engines.POSTGRES, new Admin(server, connectTimeout), new Tenant(connectTimeout));
    }

    /** pgjdbc counts its timeouts in seconds. */
    private static void timeouts(Properties props, Duration connect, Duration read) {
        props.setProperty("connectTimeout", DriverProperties.seconds(connect));
        props.setProperty("loginTimeout", DriverProperties.seconds(connect));
        props.setProperty("socketTimeout", DriverProperties.seconds(read));
    }

    /** The DDL, run as admin. */
    private static final class Admin extends ServerAdmin {
        Admin(ServerSettings server, Duration connectTimeout) {
            super(Engines.POSTGRES, "PostgreSQL", 5432, server, connectTimeout);
        }

        @Override
        protected String versionQuery() {
            return "show server_version";
        }

        @Override
        protected void adminProperties(Properties props, Duration connect, Duration read) {
            timeouts(props, connect, read);
            props.setProperty("ApplicationName", "strata-provisioner");
        }

        @Override
        public EngineLocation provision(String databaseId, String password) throws EngineException {
            String name = EngineNames.of(databaseId);
            String ident = EngineNames.quoteIdent(name);
            String verifier = PasswordHashes.scramSha256(password);
            admin("provisioning " + name, (c, s) -> {
                if (!exists(c, ROLE_EXISTS, name)) {
                    try {
                        s.execute("CREATE ROLE " + ident + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
                    } catch (SQLException e) {
                        if (!"42710".equals(e.getSQLState())) { // duplicate_object: created concurrently
                            throw e;
                        }
                    }
                }
                s.execute("ALTER ROLE " + ident + " WITH LOGIN PASSWORD '" + verifier + "'");
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
                return s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + ident + " TO " + ident);
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

    /** The tenant side's dialect. */
    private static final class Tenant extends JdbcTenant {
        Tenant(Duration connectTimeout) {
            super(Engines.POSTGRES, connectTimeout);
        }

        @Override
        protected Connection open(ConnectionTarget target, boolean readOnly, Duration readTimeout)
                throws SQLException, EngineException {
            requireValidServerTarget(target);
            String url = "jdbc:postgresql://" + ServerAddress.urlHost(target.host()) + ":" + target.port() + "/"
                    + URLEncoder.encode(target.databaseName(), StandardCharsets.UTF_8);
            Properties props = DriverProperties.credentials(target.user(), target.password());
            timeouts(props, connectTimeout, readTimeout);
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
                throw new EngineException(EngineException.QUERY_ERROR, EngineException.messageOf(e), false);
            }
        }
    }
}
