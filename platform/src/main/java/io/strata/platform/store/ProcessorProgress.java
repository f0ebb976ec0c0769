package io.strata.platform.store;

import io.strata.platform.web.ReadModelProgress;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Set;

/**
 * Whether named tracking processors have handled a store position, read from the shared token
 * table: right whichever replica owns a segment, in one JVM or several.
 */
public class ProcessorProgress implements ReadModelProgress {
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final String[] processors;

    public ProcessorProgress(JdbcTemplate jdbc, Serializer serializer, Set<String> processors) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processors = processors.toArray(String[]::new);
    }

    @Override
    public boolean hasProcessed(long position) {
        List<TrackingToken> tokens = tokens();
        // Every processor must have a row (none means it never started) and every segment must be past it.
        long distinct = jdbc.queryForObject(
                "select count(distinct processor_name) from token_entry where processor_name = any(?)", Long.class,
                (Object) processors);
        return distinct == processors.length && tokens.stream().allMatch(t -> covers(t, position));
    }

    public List<TrackingToken> tokens() {
        return jdbc.query("select token, token_type from token_entry where processor_name = any(?)",
                (rs, i) -> {
                    byte[] bytes = rs.getBytes(1);
                    String type = rs.getString(2);
                    return bytes == null ? null : (TrackingToken) serializer.deserialize(
                            new SimpleSerializedObject<>(bytes, byte[].class, type, null));
                }, (Object) processors);
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
