package io.strata.contract.usage;

import java.time.Instant;

/**
 * Metering events, published by provisioner-saga without an aggregate: queries are counted in
 * memory and flushed as one event per database per interval (a minute by default), so SQL over
 * HTTP never writes an event per query; storage is sampled from the engines on a schedule.
 */
public final class UsageEvents {
    private UsageEvents() {
    }

    public record QueriesMetered(String databaseId, String organizationId, String projectId, Instant periodStart,
                                 Instant periodEnd, long queries, long rowsReturned) {
    }

    public record StorageSampled(String databaseId, String organizationId, String projectId, Instant sampledAt,
                                 long bytes) {
    }
}
