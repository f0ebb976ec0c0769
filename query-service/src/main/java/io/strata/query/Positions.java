package io.strata.query;

import org.axonframework.eventhandling.TrackingToken;

import java.sql.Timestamp;
import java.time.Instant;

/** Small helpers every projection uses. */
public final class Positions {
    private Positions() {
    }

    /**
     * The tracking token's position: the highest store position the processor has seen. For most events
     * that is the event's own, but an event whose transaction committed after a later event's (filling a
     * gap) gets that later position. Good for ordering rows (cursor paging); never use it as a key: the
     * audit log and usage facts read each event's own position from the store.
     */
    public static long of(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("token without a position: " + token));
    }

    public static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
