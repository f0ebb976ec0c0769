package io.strata.platform.web;

/** A read model that can tell whether it has processed the event at a store position. */
public interface ReadModelProgress {
    boolean hasProcessed(long position);

    /**
     * Whether this JVM alone can tell that the position is processed (its processors own every segment
     * and have passed it): a check without a database round trip, cheap enough to poll every millisecond.
     */
    default boolean hasProcessedLocally(long position) {
        return false;
    }
}
