package io.strata.provisioner.engine;

import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engine adapters by id, in the order postgres, mariadb, sqlite. */
@Component
public class EngineRegistry {
    private static final List<String> ORDER = List.of("postgres", "mariadb", "sqlite");
    private final Map<String, EngineAdapter> adapters = new LinkedHashMap<>();

    public EngineRegistry(List<EngineAdapter> adapters) {
        adapters.stream()
                .sorted(Comparator.comparingInt(a -> ORDER.indexOf(a.id()) < 0 ? Integer.MAX_VALUE : ORDER.indexOf(a.id())))
                .forEach(a -> {
                    if (this.adapters.putIfAbsent(a.id(), a) != null) {
                        throw new IllegalStateException("two engine adapters with id " + a.id());
                    }
                });
    }

    /** @throws IllegalArgumentException for an unknown engine id */
    public EngineAdapter get(String engineId) {
        EngineAdapter adapter = engineId == null ? null : adapters.get(engineId);
        if (adapter == null) {
            throw new IllegalArgumentException("unknown engine: " + engineId);
        }
        return adapter;
    }

    public List<EngineAdapter> all() {
        return List.copyOf(adapters.values());
    }
}
