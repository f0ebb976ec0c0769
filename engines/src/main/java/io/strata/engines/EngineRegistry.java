package io.strata.engines;

import io.strata.contract.database.Engines;
import io.strata.engines.mariadb.MariaDbEngine;
import io.strata.engines.postgres.PostgresEngine;
import io.strata.engines.sqlite.SqliteEngine;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engines by id, in the order postgres, mariadb, sqlite. */
public class EngineRegistry {
    /** Opening a connection, and the live check; registration configures its own. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final List<String> ORDER = Engines.ALL;
    private final Map<String, Engine> engines = new LinkedHashMap<>();

    public EngineRegistry(List<Engine> engines) {
        engines.stream()
                .sorted(Comparator.comparingInt(e -> ORDER.indexOf(e.id()) < 0 ? Integer.MAX_VALUE : ORDER.indexOf(e.id())))
                .forEach(e -> {
                    if (this.engines.putIfAbsent(e.id(), e) != null) {
                        throw new IllegalStateException("two engines with id " + e.id());
                    }
                });
    }

    /** Every engine Strata knows; an engine without settings is disabled, its tenant side still works. */
    public static EngineRegistry of(ServerSettings postgres, ServerSettings mariadb, SqliteSettings sqlite,
                                    Duration connectTimeout) {
        return new EngineRegistry(List.of(PostgresEngine.create(postgres, connectTimeout),
                MariaDbEngine.create(mariadb, connectTimeout), SqliteEngine.create(sqlite, connectTimeout)));
    }

    /** @throws IllegalArgumentException for an unknown engine id */
    public Engine get(String engineId) {
        Engine engine = engineId == null ? null : engines.get(engineId);
        if (engine == null) {
            throw new IllegalArgumentException("unknown engine: " + engineId);
        }
        return engine;
    }

    public List<Engine> all() {
        return List.copyOf(engines.values());
    }

    /** Live checks of every engine, as {@code GET /v1/engines} reports them. */
    public List<EngineStatus> statuses() {
        return engines.values().stream().map(Engine::status).toList();
    }
}
