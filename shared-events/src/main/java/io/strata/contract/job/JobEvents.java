package io.strata.contract.job;

import java.time.Instant;

/**
 * Events of the Job aggregate. A job succeeds or gives up first; only once command-service has
 * acknowledged that on the resource (e.g. DatabaseReady) is it completed or failed, so a reader
 * reacting to a finished job sees the resource in its final state.
 */
public final class JobEvents {
    private JobEvents() {
    }

    public record JobStarted(String jobId, String organizationId, String type, String resourceType,
                             String resourceId, int maxAttempts) {
    }

    public record JobAttemptStarted(String jobId, String organizationId, int attempt) {
    }

    public record JobAttemptFailed(String jobId, String organizationId, int attempt, JobError error,
                                   Instant nextAttemptAt) {
    }

    public record JobSucceeded(String jobId, String organizationId, String type, String resourceId,
                               DatabaseOutcome outcome) {
    }

    public record JobGaveUp(String jobId, String organizationId, String type, String resourceId, JobError error) {
    }

    public record JobCompleted(String jobId, String organizationId, String type, String resourceId) {
    }

    public record JobFailed(String jobId, String organizationId, String type, String resourceId, JobError error) {
    }
}
