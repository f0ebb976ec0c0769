package io.strata.query.admin;

import io.strata.platform.auth.Access;
import io.strata.platform.store.EventPositions;
import io.strata.platform.web.ApiException;
import io.strata.platform.web.Envelopes;
import io.strata.query.ReadModels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

@RestController
@Tag(name = "Admin")
public class ProjectionAdminController {
    /**
     * @param position the lowest store position every segment has processed (null before the first event)
     * @param lag      events in the store after that position
     * @param state    running, replaying, replay_requested, stopped or error (as seen by this replica)
     */
    public record Projection(String name, Long position, long lag, String state, int segments) {
    }

    public record ReplayRequested(String name, String state) {
    }

    private final EventProcessingConfiguration processing;
    private final EventPositions positions;
    private final ProjectionReplays replays;
    private final JdbcTemplate jdbc;

    public ProjectionAdminController(EventProcessingConfiguration processing, EventPositions positions,
                                     ProjectionReplays replays, JdbcTemplate jdbc) {
        this.processing = processing;
        this.positions = positions;
        this.replays = replays;
        this.jdbc = jdbc;
    }

    @GetMapping("/v1/admin/projections")
    @Access.Operator
    @Operation(summary = "Every projection of the read side: position, lag and state")
    public Envelopes.Data<List<Projection>> list() {
        long head = positions.head();
        List<String> pending = jdbc.queryForList("select processor from q_replay_requests where done_at is null", String.class);
        return Envelopes.data(ReadModels.PROCESSORS.stream().sorted().map(name -> {
            StreamingEventProcessor p = processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
            Collection<EventTrackerStatus> status = p.processingStatus().values();
            OptionalLong lowest = status.stream().map(EventTrackerStatus::getCurrentPosition)
                    .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min();
            Long position = lowest.isPresent() ? lowest.getAsLong() : null;
            // A replay flag stays set until an event after the reset point arrives: report "replaying"
            // only while the replay is actually behind the head.
            boolean replaying = status.stream().anyMatch(EventTrackerStatus::isReplaying) && (position == null || position < head);
            String state = pending.contains(name) ? "replay_requested"
                    : p.isError() ? "error" : !p.isRunning() ? "stopped" : replaying ? "replaying" : "running";
            return new Projection(name, position, Math.max(0, head - (position == null ? 0 : position)), state, status.size());
        }).toList());
    }

    @PostMapping("/v1/admin/projections/{name}/replay")
    @Access.Operator
    @Operation(summary = "Rebuild a projection from the first event",
            description = "202: every query-service replica stops the projection, one resets it, all resume; its tables "
                    + "are rebuilt from the event store. 409 when a replay of it is already pending.")
    public ResponseEntity<Envelopes.Data<ReplayRequested>> replay(@PathVariable String name) {
        if (!ReadModels.PROCESSORS.contains(name)) {
            throw ApiException.notFound("projection", name);
        }
        if (!replays.request(name)) {
            throw ApiException.conflict("replay_pending", "a replay of " + name + " is already pending");
        }
        return ResponseEntity.accepted().body(Envelopes.data(new ReplayRequested(name, "replay_requested")));
    }
}
