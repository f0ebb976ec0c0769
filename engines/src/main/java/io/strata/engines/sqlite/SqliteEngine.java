package io.strata.engines.sqlite;

import io.strata.contract.database.Engines;
import io.strata.engines.Engine;
import io.strata.engines.EngineException;
import io.strata.engines.EngineNames;
import io.strata.engines.EngineTimeouts;
import io.strata.engines.SqliteSettings;

import java.nio.file.Path;

/**
 * SQLite: one file per Strata database, {@code <dataDir>/s_….db}. No passwords: rotation is a no-op.
 * The tenant side opens only files inside the data dir named by {@link EngineNames}, never creates
 * one, and forbids ATTACH (which would reach other files).
 */
public final class SqliteEngine {
    private final SqliteSettings settings;

    private SqliteEngine(SqliteSettings settings) {
        this.settings = settings == null ? SqliteSettings.NONE : settings;
    }

    public static Engine create(SqliteSettings settings, EngineTimeouts timeouts) {
        SqliteEngine files = new SqliteEngine(settings);
        return new Engine(Engines.SQLITE, new SqliteAdmin(files), new SqliteTenant(files, timeouts));
    }

    boolean enabled() {
        return settings.enabled();
    }

    Path dataDir() {
        return settings.dataDir().toAbsolutePath().normalize();
    }

    Path file(String databaseId) {
        return dataDir().resolve(EngineNames.of(databaseId) + ".db");
    }

    void requireEnabled() throws EngineException {
        if (!enabled()) {
            throw new EngineException(EngineException.ENGINE_UNAVAILABLE, "sqlite is not configured", false);
        }
    }
}
