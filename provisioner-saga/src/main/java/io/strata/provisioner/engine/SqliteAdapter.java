package io.strata.provisioner.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;
import org.sqlite.SQLiteOpenMode;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite: one file per Strata database, {@code <dataDir>/s_….db}. No passwords: rotation is a no-op.
 * The data plane opens only files inside the data dir named by {@link EngineNames}, never creates one,
 * and forbids ATTACH (which would reach other files).
 */
@Component
public class SqliteAdapter implements EngineAdapter {
    private static final Logger log = LoggerFactory.getLogger(SqliteAdapter.class);
    private static final int BUSY_TIMEOUT_MS = 5_000;

    private final EngineProperties.Sqlite sqlite;

    public SqliteAdapter(EngineProperties engines) {
        this.sqlite = engines.sqlite();
    }

    @Override
    public String id() {
        return "sqlite";
    }

    @Override
    public boolean enabled() {
        return sqlite.enabled();
    }

    @Override
    public EngineStatus status() {
        if (!enabled()) {
            return new EngineStatus(id(), "SQLite", List.of(), false);
        }
        try {
            Files.createDirectories(dataDir());
            boolean writable = Files.isWritable(dataDir());
            String version = org.sqlite.SQLiteJDBCLoader.getVersion();
            try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite::memory:");
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select sqlite_version()")) {
                version = rs.next() ? rs.getString(1) : version;
            }
            return new EngineStatus(id(), "SQLite", List.of(version), writable);
        } catch (Exception e) {
            return new EngineStatus(id(), "SQLite", List.of(), false);
        }
    }

    private Path dataDir() {
        return sqlite.dataDir().toAbsolutePath().normalize();
    }

    Path file(String databaseId) {
        return dataDir().resolve(EngineNames.of(databaseId) + ".db");
    }

    @Override
    public EngineLocation provision(String databaseId, String password) throws EngineException {
        requireEnabled();
        Path file = file(databaseId);
        try {
            Files.createDirectories(dataDir());
            SQLiteConfig config = new SQLiteConfig();
            try (Connection c = config.createConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                s.execute("pragma user_version"); // creates the file if missing; a no-op otherwise
            }
        } catch (IOException | SQLException e) {
            throw new EngineException(EngineException.ENGINE_ERROR, "sqlite: cannot create " + file.getFileName()
                    + ": " + EngineErrors.message(e), false, e);
        }
        log.info("sqlite: provisioned {} for {}", file.getFileName(), databaseId);
        return new EngineLocation(null, 0, file.toString(), null);
    }

    @Override
    public void rotatePassword(String databaseId, String newPassword) throws EngineException {
        requireEnabled(); // SQLite has no passwords
    }

    @Override
    public void deprovision(String databaseId) throws EngineException {
        requireEnabled();
        Path file = file(databaseId);
        try {
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        } catch (IOException e) {
            throw new EngineException(EngineException.ENGINE_ERROR, "sqlite: cannot delete " + file.getFileName()
                    + ": " + EngineErrors.message(e), true, e);
        }
        log.info("sqlite: deprovisioned {} for {}", file.getFileName(), databaseId);
    }

    @Override
    public long sizeBytes(String databaseId) throws EngineException {
        requireEnabled();
        Path file = file(databaseId);
        if (!Files.exists(file)) {
            throw new EngineException(EngineException.NOT_FOUND, "sqlite: " + file.getFileName() + " does not exist", false);
        }
        try {
            long size = Files.size(file);
            Path wal = Path.of(file + "-wal");
            return Files.exists(wal) ? size + Files.size(wal) : size;
        } catch (IOException e) {
            throw new EngineException(EngineException.ENGINE_ERROR, "sqlite: " + EngineErrors.message(e), false, e);
        }
    }

    @Override
    public ConnectionCheck check(ConnectionTarget target) {
        Instant checkedAt = Instant.now();
        long started = System.nanoTime();
        try (Connection c = open(target, true); Statement s = c.createStatement()) {
            s.executeQuery("select count(*) from sqlite_master").close();
            return ConnectionCheck.ok(checkedAt, JdbcQueries.elapsed(started));
        } catch (EngineException e) {
            return ConnectionCheck.failed(checkedAt, JdbcQueries.elapsed(started),
                    new ConnectionCheck.Failure(e.code(), e.getMessage(), e.retryable()));
        } catch (SQLException e) {
            return ConnectionCheck.failed(checkedAt, JdbcQueries.elapsed(started),
                    new ConnectionCheck.Failure(EngineErrors.ERROR, EngineErrors.message(e), false));
        }
    }

    @Override
    public List<TableInfo> tables(ConnectionTarget target) throws EngineException {
        try (Connection c = open(target, true); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(
                    "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            List<TableInfo> tables = new ArrayList<>();
            for (String name : names) {
                try (ResultSet rs = s.executeQuery("select count(*) from " + EngineNames.quoteIdent(name))) {
                    tables.add(new TableInfo(name, "main", rs.next() ? rs.getLong(1) : 0));
                }
            }
            return tables;
        } catch (SQLException e) {
            throw new EngineException(EngineException.QUERY_ERROR, EngineErrors.message(e), false);
        }
    }

    @Override
    public QueryResult query(ConnectionTarget target, QueryRequest request) throws EngineException {
        long started = System.nanoTime();
        try (Connection c = open(target, request.readOnly())) {
            try {
                c.setAutoCommit(false);
                QueryResult result = JdbcQueries.execute(c, request, started);
                if (request.readOnly()) {
                    c.rollback();
                } else {
                    c.commit();
                }
                return result;
            } catch (SQLException | EngineException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // closed next
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new EngineException(EngineException.QUERY_ERROR, EngineErrors.message(e), false);
        }
    }

    /** Opens an existing tenant file (never creates one), read-only at the file level when asked. */
    private Connection open(ConnectionTarget target, boolean readOnly) throws EngineException, SQLException {
        requireEnabled();
        Path file = tenantFile(target);
        if (!Files.isRegularFile(file)) {
            throw new EngineException(EngineErrors.ERROR, "sqlite: database file " + file.getFileName()
                    + " does not exist", false);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.resetOpenMode(SQLiteOpenMode.CREATE); // after setReadOnly, which would set it again
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enableLoadExtension(false);
        Connection c = config.createConnection("jdbc:sqlite:" + file);
        try {
            // No ATTACH (nor VACUUM INTO, which attaches): a tenant reaches its own file only.
            c.unwrap(SQLiteConnection.class).getDatabase().limit(SQLiteLimits.SQLITE_LIMIT_ATTACHED.getId(), 0);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    private Path tenantFile(ConnectionTarget target) throws EngineException {
        if (target.databaseName() == null) {
            throw new EngineException(EngineErrors.ERROR, "sqlite: no database file", false);
        }
        Path file = Path.of(target.databaseName()).toAbsolutePath().normalize();
        String fileName = file.getFileName() == null ? "" : file.getFileName().toString();
        if (!dataDir().equals(file.getParent()) || !fileName.endsWith(".db")
                || !EngineNames.PATTERN.matcher(fileName.substring(0, fileName.length() - 3)).matches()) {
            throw new EngineException(EngineErrors.ERROR, "sqlite: not a Strata database file", false);
        }
        return file;
    }

    private void requireEnabled() throws EngineException {
        if (!enabled()) {
            throw new EngineException(EngineException.ENGINE_UNAVAILABLE, "sqlite is not configured", false);
        }
    }
}
