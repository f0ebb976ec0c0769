package io.strata.platform.web;

/** A read model that can tell whether it has processed the event at a store position. */
public interface ReadModelProgress {
    boolean hasProcessed(long position);
}
