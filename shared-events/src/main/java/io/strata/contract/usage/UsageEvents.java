package io.strata.contract.usage;

import io.strata.contract.EventType;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Metering events, published by provisioner-saga without an aggregate: queries are counted in
 * memory and flushed as one event per database per interval (a minute by default), so SQL over
 * HTTP never writes an event per query; storage is sampled from the engines on a schedule.
 */
public final class UsageEvents {
    private UsageEvents() {
    }

    @EventType("QueriesMetered")
    @Revision("1")
    public record QueriesMetered(String databaseId, String organizationId, String projectId, Instant periodStart,
                                 Instant periodEnd, long queries, long rowsReturned) implements UsageEvent {
    }

    @EventType("StorageSampled")
    @Revision("1")
    public record StorageSampled(String databaseId, String organizationId, String projectId, Instant sampledAt,
                                 long bytes) implements UsageEvent {
    }
}
