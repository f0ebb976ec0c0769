package io.strata.engines.sqlite;

import io.strata.contract.database.Engines;
import io.strata.engines.ConnectionFailures;
import io.strata.engines.ConnectionTarget;
import io.strata.engines.EngineException;
import io.strata.engines.EngineNames;
import io.strata.engines.EngineTimeouts;
import io.strata.engines.TableInfo;
import io.strata.engines.jdbc.JdbcTenant;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;
import org.sqlite.SQLiteOpenMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** SQLite's dialect of the tenant side: read-only is a property of the opened file, not of a session. */
final class SqliteTenant extends JdbcTenant {
    private static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);
    private final SqliteEngine files;

    SqliteTenant(SqliteEngine files, EngineTimeouts timeouts) {
        super(Engines.SQLITE, timeouts);
        this.files = files;
    }

    /** Opens an existing tenant file (never creates one), read-only at the file level when asked. */
    @Override
    protected Connection open(ConnectionTarget target, boolean readOnly, Duration readTimeout)
            throws SQLException, EngineException {
        files.requireEnabled();
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
        if (!files.dataDir().equals(file.getParent()) || !fileName.endsWith(".db")
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
    protected List<String> sessionSetup(Duration statementTimeout, boolean readOnly) {
        return List.of(); // the statement's query timeout is the only timeout SQLite has
    }

    @Override
    protected void beginReadOnly(Connection c) {
        // opened read-only
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
