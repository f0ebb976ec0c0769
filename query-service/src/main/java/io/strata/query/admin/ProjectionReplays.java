package io.strata.query.admin;

import io.strata.query.ReadModels;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Carries out replay requests on this replica. A token can only be reset when no replica holds a
 * claim on it, so every replica first stops its copy of the processor; whichever then manages to
 * reset the tokens (its reset handler empties the tables in the same transaction) marks the
 * request done, and every replica starts its copy again.
 */
@Component
public class ProjectionReplays {
    private static final Logger log = LoggerFactory.getLogger(ProjectionReplays.class);
    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final Set<String> stoppedHere = new HashSet<>();

    public ProjectionReplays(JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    /** @return false when a replay of this processor is already pending */
    public boolean request(String processor) {
        return jdbc.update("insert into q_replay_requests (processor) values (?) on conflict do nothing", processor) == 1;
    }

    @Scheduled(fixedDelayString = "${strata.replay.check-interval:500ms}")
    public synchronized void work() {
        List<String> pending = jdbc.queryForList("select processor from q_replay_requests where done_at is null", String.class);
        for (String name : pending) {
            if (!ReadModels.PROCESSORS.contains(name)) {
                continue;
            }
            StreamingEventProcessor processor = processor(name);
            if (processor.isRunning()) {
                processor.shutDown();
                stoppedHere.add(name);
            }
            try {
                processor.resetTokens();
                jdbc.update("update q_replay_requests set done_at = now() where processor = ? and done_at is null", name);
                log.info("projection {} reset; replaying from the first event", name);
            } catch (UnableToClaimTokenException e) {
                // Another replica still holds a segment: it stops on its next check; try again then.
            }
        }
        for (String name : List.copyOf(stoppedHere)) {
            if (!pending.contains(name) || isDone(name)) {
                processor(name).start();
                stoppedHere.remove(name);
            }
        }
    }

    private boolean isDone(String name) {
        return !Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from q_replay_requests where processor = ? and done_at is null)", Boolean.class, name));
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor " + name));
    }
}
