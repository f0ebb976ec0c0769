package io.strata.engines.sqlite;

import io.strata.engines.EngineAdmin;
import io.strata.engines.EngineException;
import io.strata.engines.EngineLocation;
import io.strata.engines.EngineStatus;
import io.strata.engines.jdbc.EngineErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** SQLite's admin side works on files: create, delete, measure. */
final class SqliteAdmin implements EngineAdmin {
    private static final Logger log = LoggerFactory.getLogger(SqliteAdmin.class);
    private final SqliteEngine files;

    SqliteAdmin(SqliteEngine files) {
        this.files = files;
    }

    @Override
    public boolean enabled() {
        return files.enabled();
    }

    @Override
    public EngineStatus status() {
        if (!enabled()) {
            return new EngineStatus("sqlite", "SQLite", List.of(), false);
        }
        try {
            Files.createDirectories(files.dataDir());
            boolean writable = Files.isWritable(files.dataDir());
            String version = org.sqlite.SQLiteJDBCLoader.getVersion();
            try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite::memory:");
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select sqlite_version()")) {
                version = rs.next() ? rs.getString(1) : version;
            }
            return new EngineStatus("sqlite", "SQLite", List.of(version), writable);
        } catch (Exception e) {
            return new EngineStatus("sqlite", "SQLite", List.of(), false);
        }
    }

    @Override
    public EngineLocation provision(String databaseId, String password) throws EngineException {
        files.requireEnabled();
        Path file = files.file(databaseId);
        try {
            Files.createDirectories(files.dataDir());
            try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
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
        files.requireEnabled(); // SQLite has no passwords
    }

    @Override
    public void deprovision(String databaseId) throws EngineException {
        files.requireEnabled();
        Path file = files.file(databaseId);
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
        files.requireEnabled();
        Path file = files.file(databaseId);
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
}
