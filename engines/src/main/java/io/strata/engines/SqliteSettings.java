package io.strata.engines;

import java.nio.file.Path;

/** Where SQLite keeps one file per database; no directory: disabled. */
public record SqliteSettings(Path dataDir) {
    public static final SqliteSettings NONE = new SqliteSettings(null);

    public boolean enabled() {
        return dataDir != null;
    }
}
