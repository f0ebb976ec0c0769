package io.strata.platform.store;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;

/**
 * Axon's {@link EmbeddedEventStore}, plus {@link #wake()}: fetch from storage now.
 * <p>
 * The store's producer thread reads new events from the database and hands them to the tracking
 * processors. When idle it sleeps for the fetch delay, and only a commit through this same store
 * object cuts the sleep short ({@code afterCommit}). Events written by another process are therefore
 * seen up to one fetch delay late. Axon 4.13 has no public call that wakes the producer; the protected
 * {@code afterCommit} hook does exactly that (it signals the producer and ignores its argument), so this
 * subclass exposes it for {@link EventNotificationListener}, which calls it when PostgreSQL reports
 * that events were stored.
 */
public class StrataEventStore extends EmbeddedEventStore {

    public StrataEventStore(Builder builder) {
        super(builder);
    }

    /** Makes the producer fetch from storage as soon as it can, as after a local commit. Cheap, thread-safe, idempotent. */
    public void wake() {
        afterCommit(List.of());
    }
}
