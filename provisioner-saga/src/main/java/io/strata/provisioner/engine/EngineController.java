package io.strata.provisioner.engine;

import io.strata.engines.EngineRegistry;
import io.strata.engines.EngineStatus;
import io.strata.platform.auth.Access;
import io.strata.platform.web.Envelopes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Public")
public class EngineController {
    private final EngineRegistry engines;

    public EngineController(EngineRegistry engines) {
        this.engines = engines;
    }

    @GetMapping("/v1/engines")
    @Access.Public
    @Operation(summary = "Engines Strata can provision", description = "available is a live check: false when the "
            + "engine is not configured or does not answer now.")
    public Envelopes.Data<List<EngineStatus>> engines() {
        return Envelopes.data(engines.statuses());
    }
}
