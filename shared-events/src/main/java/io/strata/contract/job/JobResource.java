package io.strata.contract.job;

import io.strata.contract.Failure;
import io.strata.contract.ResourceType;

import java.time.Instant;

/** A job as the REST API returns it. */
public record JobResource(String id, JobType type, JobState state, ResourceType resourceType, String resourceId,
                          int attempts, int maxAttempts, Instant nextAttemptAt, Failure error, Instant createdAt,
                          Instant startedAt, Instant finishedAt) {

    public static JobResource queued(String id, JobType type, String resourceId, int maxAttempts, Instant createdAt) {
        return new JobResource(id, type, JobState.QUEUED, ResourceType.DATABASE, resourceId, 0, maxAttempts, null, null,
                createdAt, null, null);
    }
}
