package io.strata.platform.store;

import io.strata.platform.web.ReadModelProgress;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether named tracking processors have handled a store position, read from the shared token
 * table: right whichever replica owns a segment, in one JVM or several.
 * <p>
 * For the segments a processor of <em>this</em> JVM owns, its in-memory position counts too. That matters
 * for events a processor has no handler for: Axon advances past them in memory at once but writes the
 * token only when its batch ends, which is up to the processor's event-availability timeout (1 s) later,
 * or never while events keep arriving. Reading only the table, a read-your-writes wait for such an event
 * lasted up to a second. The in-memory position of a handled event advances only after its transaction
 * committed, so it never claims more than the read tables hold.
 */
public class ProcessorProgress implements ReadModelProgress {
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final String[] processors;
    private EventProcessingConfiguration localProcessors;

    public ProcessorProgress(JdbcTemplate jdbc, Serializer serializer, Set<String> processors) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processors = processors.toArray(String[]::new);
    }

    /** The processors of this JVM, when it runs any (set by Spring; without it only the table is read). */
    @Autowired(required = false)
    public void setLocalProcessors(EventProcessingConfiguration localProcessors) {
        this.localProcessors = localProcessors;
    }

    private record Row(String processor, int segment, TrackingToken token) {
    }

    @Override
    public boolean hasProcessed(long position) {
        if (hasProcessedLocally(position)) {
            return true;
        }
        List<Row> rows = jdbc.query(
                "select processor_name, segment, token, token_type from token_entry where processor_name = any(?)",
                (rs, i) -> new Row(rs.getString(1), rs.getInt(2), deserialize(rs.getBytes(3), rs.getString(4))),
                (Object) processors);
        // Every processor must have a row (none means it never started) and every segment must be past it.
        long distinct = rows.stream().map(Row::processor).distinct().count();
        return distinct == processors.length
                && rows.stream().allMatch(r -> covers(r.token(), position) || covers(localToken(r), position));
    }

    /**
     * True when this JVM's processors own every segment of every named processor and all have passed the
     * position: then the token table has nothing to add (and reading it would cost a query).
     */
    @Override
    public boolean hasProcessedLocally(long position) {
        if (localProcessors == null) {
            return false;
        }
        for (String name : processors) {
            Optional<TrackingEventProcessor> processor = localProcessors.eventProcessor(name, TrackingEventProcessor.class);
            if (processor.isEmpty()) {
                return false;
            }
            Map<Integer, EventTrackerStatus> status = processor.get().processingStatus();
            double owned = 0;
            for (EventTrackerStatus segment : status.values()) {
                if (!covers(segment.getTrackingToken(), position)) {
                    return false;
                }
                owned += 1.0 / (segment.getSegment().getMask() + 1);
            }
            if (owned < 0.999) {
                return false; // another replica owns a segment (or none is claimed yet)
            }
        }
        return true;
    }

    private TrackingToken localToken(Row row) {
        if (localProcessors == null) {
            return null;
        }
        return localProcessors.eventProcessor(row.processor(), TrackingEventProcessor.class)
                .map(p -> p.processingStatus().get(row.segment()))
                .map(EventTrackerStatus::getTrackingToken)
                .orElse(null);
    }

    private TrackingToken deserialize(byte[] bytes, String type) {
        return bytes == null ? null : (TrackingToken) serializer.deserialize(
                new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }

    public List<TrackingToken> tokens() {
        return jdbc.query("select token, token_type from token_entry where processor_name = any(?)",
                (rs, i) -> deserialize(rs.getBytes(1), rs.getString(2)), (Object) processors);
    }

    static boolean covers(TrackingToken token, long position) {
        if (token instanceof ReplayToken replay) {
            // While replaying, a position counts as processed once the replay has re-processed it (the rows
            // up to it are rebuilt). A replay token never runs past its reset point: Axon swaps it for a
            // plain token when it processes the first event after that point.
            return replay.getCurrentToken() != null && covers(replay.getCurrentToken(), position);
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return token != null && token.position().orElse(-1) >= position;
    }
}
