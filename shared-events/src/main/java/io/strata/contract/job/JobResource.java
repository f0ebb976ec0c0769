package io.strata.contract.job;

import io.strata.contract.Failure;

import java.time.Instant;

/** A job as the REST API returns it. State: queued, running, completed, failed. */
public record JobResource(String id, String type, String state, String resourceType, String resourceId,
                          int attempts, int maxAttempts, Instant nextAttemptAt, Failure error, Instant createdAt,
                          Instant startedAt, Instant finishedAt) {

    public static JobResource queued(String id, String type, String resourceId, int maxAttempts, Instant createdAt) {
        return new JobResource(id, type, "queued", JobTypes.RESOURCE_DATABASE, resourceId, 0, maxAttempts, null, null,
                createdAt, null, null);
    }
}
