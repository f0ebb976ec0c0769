package io.strata.query;

import org.axonframework.eventhandling.TrackingToken;

import java.sql.Timestamp;
import java.time.Instant;

/** Small helpers every projection uses. */
public final class Positions {
    private Positions() {
    }

    /** The store position of the event being handled: stable across replays. */
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
