package io.strata.provisioner.engine;

import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * PostgreSQL: per Strata database a LOGIN role with a SCRAM-SHA-256 verifier (computed here, so no
 * plaintext password reaches the server) and a database it owns, with CONNECT revoked from PUBLIC.
 */
@Component
public class PostgresAdapter extends ServerEngineAdapter {
    private static final Logger log = LoggerFactory.getLogger(PostgresAdapter.class);
    static final int DEFAULT_PORT = 5432;
    private static final int CONNECT_TIMEOUT_S = 5;

    public PostgresAdapter(EngineProperties engines) {
        super("postgres", "PostgreSQL", engines.postgres());
    }

    @Override
    String versionQuery() {
        return "show server_version";
    }

    @Override
    void adminProperties(Properties props) {
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_S));
        props.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_S));
        props.setProperty("socketTimeout", "60");
        props.setProperty("ApplicationName", "strata-provisioner");
    }

    @Override
    public EngineLocation provision(String databaseId, String password) throws EngineException {
        String name = EngineNames.of(databaseId);
        String ident = EngineNames.quoteIdent(name);
        String verifier = PasswordHashes.scramSha256(password);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            if (exists(c, "select 1 from pg_roles where rolname = ?", name)) {
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
        } catch (SQLException e) {
            throw EngineErrors.admin(id(), "provisioning " + name, e);
        }
        log.info("postgres: provisioned database and role {} for {}", name, databaseId);
        ServerAddress address = ServerAddress.publicOf(server, DEFAULT_PORT);
        return new EngineLocation(address.host(), address.port(), name, name);
    }

    @Override
    public void rotatePassword(String databaseId, String newPassword) throws EngineException {
        String name = EngineNames.of(databaseId);
        String verifier = PasswordHashes.scramSha256(newPassword);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", name)) {
                throw new EngineException(EngineException.NOT_FOUND, "postgres: role " + name + " does not exist", false);
            }
            s.execute("ALTER ROLE " + EngineNames.quoteIdent(name) + " WITH PASSWORD '" + verifier + "'");
        } catch (SQLException e) {
            throw EngineErrors.admin(id(), "rotating the password of " + name, e);
        }
        log.info("postgres: rotated the password of role {} for {}", name, databaseId);
    }

    @Override
    public void deprovision(String databaseId) throws EngineException {
        String name = EngineNames.of(databaseId);
        String ident = EngineNames.quoteIdent(name);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            boolean role = exists(c, "select 1 from pg_roles where rolname = ?", name);
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
        } catch (SQLException e) {
            throw EngineErrors.admin(id(), "deprovisioning " + name, e);
        }
        log.info("postgres: deprovisioned database and role {} for {}", name, databaseId);
    }

    @Override
    public long sizeBytes(String databaseId) throws EngineException {
        String name = EngineNames.of(databaseId);
        try (Connection c = admin(); PreparedStatement ps = c.prepareStatement(
                "select pg_database_size(datname) from pg_database where datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new EngineException(EngineException.NOT_FOUND, "postgres: database " + name + " does not exist", false);
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw EngineErrors.admin(id(), "measuring " + name, e);
        }
    }

    @Override
    public ConnectionCheck check(ConnectionTarget target) {
        Instant checkedAt = Instant.now();
        long started = System.nanoTime();
        try (Connection c = tenant(target, CONNECT_TIMEOUT_S); Statement s = c.createStatement()) {
            s.setQueryTimeout(CONNECT_TIMEOUT_S);
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
        try (Connection c = connectTenant(target, CONNECT_TIMEOUT_S * 2)) {
            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(CONNECT_TIMEOUT_S * 2);
                List<TableInfo> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select c.relname, n.nspname, greatest(c.reltuples, 0)::bigint "
                        + "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                        + "where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') "
                        + "and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%' "
                        + "order by n.nspname, c.relname")) {
                    while (rs.next()) {
                        tables.add(new TableInfo(rs.getString(1), rs.getString(2), rs.getLong(3)));
                    }
                }
                return tables;
            } catch (SQLException e) {
                throw EngineErrors.dataPlane(id(), e, target.password(), false);
            }
        } catch (SQLException e) {
            throw EngineErrors.dataPlane(id(), e, target.password(), false);
        }
    }

    @Override
    public QueryResult query(ConnectionTarget target, QueryRequest request) throws EngineException {
        long started = System.nanoTime();
        int timeoutMs = request.effectiveTimeoutMs();
        if (request.readOnly()) {
            requireSingleStatement(request.query());
        }
        try (Connection c = connectTenant(target, timeoutMs / 1000 + CONNECT_TIMEOUT_S * 2)) {
            try {
                try (Statement s = c.createStatement()) { // session settings, outside the transaction
                    s.execute("SET statement_timeout = " + timeoutMs);
                    if (request.readOnly()) {
                        s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
                    }
                }
                c.setAutoCommit(false);
                if (request.readOnly()) {
                    c.setReadOnly(true);
                    try (Statement s = c.createStatement()) {
                        // BEGIN READ ONLY, then take the snapshot: from here on nothing can switch the
                        // transaction back to read-write.
                        s.execute("SET TRANSACTION READ ONLY");
                        s.executeQuery("select 1").close();
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
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw EngineErrors.dataPlane(id(), e, target.password(), false);
        }
    }

    /**
     * pgjdbc splits a multi-statement string client-side; a {@code COMMIT; SET ...; INSERT} could then
     * leave the read-only transaction. Read-only requests take exactly one statement.
     */
    private static void requireSingleStatement(String sql) throws EngineException {
        try {
            List<NativeQuery> parsed = Parser.parseJdbcSql(sql, true, true, true, false, false);
            long statements = parsed.stream().filter(q -> !q.nativeSql.isBlank()).count();
            if (statements > 1) {
                throw new EngineException(EngineException.QUERY_ERROR,
                        "a read-only query must be a single statement", false);
            }
        } catch (SQLException e) {
            throw new EngineException(EngineException.QUERY_ERROR, EngineErrors.message(e), false);
        }
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

    @Override
    Connection tenant(ConnectionTarget target, int socketTimeoutSeconds) throws SQLException, EngineException {
        requireValidTarget(target);
        String url = "jdbc:postgresql://" + ServerAddress.urlHost(target.host()) + ":" + target.port() + "/"
                + URLEncoder.encode(target.databaseName(), StandardCharsets.UTF_8);
        Properties props = credentials(target.user(), target.password());
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_S));
        props.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_S));
        props.setProperty("socketTimeout", String.valueOf(Math.max(CONNECT_TIMEOUT_S, socketTimeoutSeconds)));
        props.setProperty("stringtype", "unspecified"); // JSON strings typed by the server, e.g. into int columns
        props.setProperty("ApplicationName", "strata-data-plane");
        return DriverManager.getConnection(url, props);
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
