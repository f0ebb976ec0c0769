package io.strata.platform.health;

import io.strata.platform.auth.Access;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Real checks: the event store answers a query, and every event processor of this process runs without error. */
@RestController
@Tag(name = "Public")
public class HealthController {
    public record Health(String status, Map<String, Object> checks) {
    }

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;

    public HealthController(JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    @GetMapping("/health")
    @Access.Public
    @Operation(summary = "Health of this process", description = "503 when the event store is unreachable; "
            + "'degraded' when an event processor is stopped or in error.")
    public ResponseEntity<Health> health() {
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean storeUp;
        try {
            Long head = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
            checks.put("eventStore", Map.of("status", "up", "position", head));
            storeUp = true;
        } catch (RuntimeException e) {
            checks.put("eventStore", Map.of("status", "down", "error", e.getClass().getSimpleName()));
            storeUp = false;
        }
        boolean processorsUp = true;
        Map<String, String> processors = new TreeMap<>();
        for (Map.Entry<String, EventProcessor> p : processing.eventProcessors().entrySet()) {
            EventProcessor processor = p.getValue();
            boolean error = processor instanceof StreamingEventProcessor s && s.isError();
            String state = error ? "error" : processor.isRunning() ? "running" : "stopped";
            processorsUp &= state.equals("running");
            processors.put(p.getKey(), state);
        }
        checks.put("processors", processors);
        String status = storeUp && processorsUp ? "ok" : "degraded";
        return ResponseEntity.status(storeUp ? 200 : 503).body(new Health(status, checks));
    }
}
