package io.strata.contract.job;

import io.strata.contract.database.DatabaseEvents.CredentialRotationRequested;
import io.strata.contract.database.DatabaseEvents.DatabaseCreationRequested;
import io.strata.contract.database.DatabaseEvents.DatabaseDeletionRequested;
import io.strata.contract.job.JobEvents.JobAttemptFailed;
import io.strata.contract.job.JobEvents.JobAttemptStarted;
import io.strata.contract.job.JobEvents.JobCompleted;
import io.strata.contract.job.JobEvents.JobFailed;
import io.strata.contract.job.JobEvents.JobStarted;

import java.time.Instant;

/**
 * The one definition of a job's shape over time: the job after an event, as a GET shows it. Pure, so
 * that every view of jobs (query-service's table, the webhook payloads) folds the same events the same
 * way. A job is queued from the request that created it, before provisioner-saga picks it up; every
 * step is idempotent, so a redelivered event changes nothing.
 */
public final class JobFold {
    private JobFold() {
    }

    /** The job an event concerns (a job's own, or a request that queues one), or null when it concerns none. */
    public static String jobIdOf(Object event) {
        if (event instanceof JobEvent e) {
            return e.jobId();
        } else if (event instanceof DatabaseCreationRequested e) {
            return e.jobId();
        } else if (event instanceof DatabaseDeletionRequested e) {
            return e.jobId();
        } else if (event instanceof CredentialRotationRequested e) {
            return e.jobId();
        }
        return null;
    }

    /**
     * @param previous the job before the event (null when there is none yet)
     * @param at       the event's timestamp
     * @return the job after it; null while it does not exist
     */
    public static JobResource after(JobResource previous, Object event, Instant at) {
        if (event instanceof DatabaseCreationRequested e) {
            return previous != null ? previous : JobResource.queued(e.jobId(), JobType.DATABASE_CREATE, e.databaseId(), e.maxAttempts(), at);
        } else if (event instanceof DatabaseDeletionRequested e) {
            return previous != null ? previous : JobResource.queued(e.jobId(), JobType.DATABASE_DELETE, e.databaseId(), e.maxAttempts(), at);
        } else if (event instanceof CredentialRotationRequested e) {
            return previous != null ? previous : JobResource.queued(e.jobId(), JobType.CREDENTIALS_ROTATE, e.databaseId(), e.maxAttempts(), at);
        } else if (previous == null) {
            return null;
        }
        JobResource j = previous;
        if (event instanceof JobStarted e) {
            return j.state() != JobState.QUEUED ? j : new JobResource(j.id(), j.type(), JobState.RUNNING, j.resourceType(),
                    j.resourceId(), Math.max(j.attempts(), 1), e.maxAttempts(), j.nextAttemptAt(), j.error(),
                    j.createdAt(), j.startedAt() != null ? j.startedAt() : at, j.finishedAt());
        } else if (event instanceof JobAttemptStarted e) {
            return new JobResource(j.id(), j.type(), j.state(), j.resourceType(), j.resourceId(),
                    Math.max(j.attempts(), e.attempt()), j.maxAttempts(), null, j.error(), j.createdAt(), j.startedAt(),
                    j.finishedAt());
        } else if (event instanceof JobAttemptFailed e) {
            // Only the attempt the job is at: a late report of an older attempt changes nothing.
            return j.attempts() != e.attempt() ? j : new JobResource(j.id(), j.type(), j.state(), j.resourceType(),
                    j.resourceId(), j.attempts(), j.maxAttempts(), e.nextAttemptAt(), e.error(), j.createdAt(),
                    j.startedAt(), j.finishedAt());
        } else if (event instanceof JobCompleted) {
            return new JobResource(j.id(), j.type(), JobState.COMPLETED, j.resourceType(), j.resourceId(), j.attempts(),
                    j.maxAttempts(), null, null, j.createdAt(), j.startedAt(), at);
        } else if (event instanceof JobFailed e) {
            return new JobResource(j.id(), j.type(), JobState.FAILED, j.resourceType(), j.resourceId(), j.attempts(),
                    j.maxAttempts(), null, e.error(), j.createdAt(), j.startedAt(), at);
        }
        return j;
    }
}
