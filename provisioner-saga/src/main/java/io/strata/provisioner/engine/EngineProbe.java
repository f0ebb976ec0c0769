package io.strata.provisioner.engine;

import org.springframework.stereotype.Component;

import java.util.List;

/** Live checks of the configured engines: an engine is available only if it answers now. */
@Component
public class EngineProbe {
    private final EngineRegistry registry;

    public EngineProbe(EngineRegistry registry) {
        this.registry = registry;
    }

    public List<EngineStatus> all() {
        return registry.all().stream().map(EngineAdapter::status).toList();
    }
}
