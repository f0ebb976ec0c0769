package io.strata.engines.sqlite;

import io.strata.contract.database.Engines;
import io.strata.engines.ConnectionFailures;
import io.strata.engines.ConnectionTarget;
import io.strata.engines.Engine;
import io.strata.engines.EngineAdmin;
import io.strata.engines.EngineException;
import io.strata.engines.EngineLocation;
import io.strata.engines.EngineNames;
import io.strata.engines.EngineStatus;
import io.strata.engines.SqliteSettings;
import io.strata.engines.TableInfo;
import io.strata.engines.jdbc.JdbcTenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;
import org.sqlite.SQLiteOpenMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite: one file per Strata database, {@code <dataDir>/s_….db}. No passwords: rotation is a no-op.
 * The tenant side opens only files inside the data dir named by {@link EngineNames}, never creates
 * one, and forbids ATTACH (which would reach other files). Read-only is a property of the opened file.
 */
public final class SqliteEngine {
    private static final Logger log = LoggerFactory.getLogger(SqliteEngine.class);
    private static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);
    private final SqliteSettings settings;

    private SqliteEngine(SqliteSettings settings) {
        this.settings = settings == null ? SqliteSettings.NONE : settings;
    }

    public static Engine create(SqliteSettings settings, Duration connectTimeout) {
        SqliteEngine sqlite = new SqliteEngine(settings);
        return new Engine(Engines.SQLITE, sqlite.new Admin(), sqlite.new Tenant(connectTimeout));
    }

    private Path dataDir() {
        return settings.dataDir().toAbsolutePath().normalize();
    }

    private Path file(String databaseId) {
        return dataDir().resolve(EngineNames.of(databaseId) + ".db");
    }

    private void requireEnabled() throws EngineException {
        if (!settings.enabled()) {
            throw new EngineException(EngineException.ENGINE_UNAVAILABLE, "sqlite is not configured", false);
        }
    }

    /** Works on files: create, delete, measure. */
    private final class Admin implements EngineAdmin {
        @Override
        public boolean enabled() {
            return settings.enabled();
        }

        @Override
        public EngineStatus status() {
            if (!enabled()) {
                return new EngineStatus(Engines.SQLITE, "SQLite", List.of(), false);
            }
            try {
                Files.createDirectories(dataDir());
                boolean writable = Files.isWritable(dataDir());
                String version = org.sqlite.SQLiteJDBCLoader.getVersion();
                try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite::memory:");
                     Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select sqlite_version()")) {
                    version = rs.next() ? rs.getString(1) : version;
                }
                return new EngineStatus(Engines.SQLITE, "SQLite", List.of(version), writable);
            } catch (Exception e) {
                return new EngineStatus(Engines.SQLITE, "SQLite", List.of(), false);
            }
        }

        @Override
        public EngineLocation provision(String databaseId, String password) throws EngineException {
            requireEnabled();
            Path file = file(databaseId);
            try {
                Files.createDirectories(dataDir());
                try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                    s.execute("pragma user_version"); // creates the file if missing; a no-op otherwise
                }
            } catch (IOException | SQLException e) {
                throw new EngineException(EngineException.ENGINE_ERROR, "sqlite: cannot create " + file.getFileName()
                        + ": " + EngineException.messageOf(e), false, e);
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
                        + ": " + EngineException.messageOf(e), true, e);
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
                throw new EngineException(EngineException.ENGINE_ERROR, "sqlite: " + EngineException.messageOf(e), false, e);
            }
        }
    }

    /** The tenant side's dialect: no session statements, as read-only is how the file was opened. */
    private final class Tenant extends JdbcTenant {
        Tenant(Duration connectTimeout) {
            super(Engines.SQLITE, connectTimeout);
        }

        /** Opens an existing tenant file (never creates one), read-only at the file level when asked. */
        @Override
        protected Connection open(ConnectionTarget target, boolean readOnly, Duration readTimeout)
                throws SQLException, EngineException {
            requireEnabled();
            Path file = tenantFile(target);
            if (!Files.isRegularFile(file)) {
                throw new EngineException(ConnectionFailures.ERROR, "sqlite: database file " + file.getFileName()
                        + " does not exist", false);
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(readOnly);
            config.resetOpenMode(SQLiteOpenMode.CREATE); // after setReadOnly, which would set it again
            config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
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
                throw new EngineException(ConnectionFailures.ERROR, "sqlite: no database file", false);
            }
            Path file = Path.of(target.databaseName()).toAbsolutePath().normalize();
            String fileName = file.getFileName() == null ? "" : file.getFileName().toString();
            if (!dataDir().equals(file.getParent()) || !fileName.endsWith(".db")
                    || !EngineNames.PATTERN.matcher(fileName.substring(0, fileName.length() - 3)).matches()) {
                throw new EngineException(ConnectionFailures.ERROR, "sqlite: not a Strata database file", false);
            }
            return file;
        }

        @Override
        protected String checkQuery() {
            return "select count(*) from sqlite_master";
        }

        @Override
        protected String tablesQuery() {
            return "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name";
        }

        /** SQLite keeps no row estimate: count each table. */
        @Override
        protected List<TableInfo> tables(Statement s) throws SQLException {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(tablesQuery())) {
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
        }
    }
}
