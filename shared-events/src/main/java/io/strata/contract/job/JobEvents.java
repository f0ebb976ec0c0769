package io.strata.contract.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.contract.EventType;
import io.strata.contract.Failure;
import io.strata.contract.ResourceType;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Events of the Job aggregate. A job succeeds or gives up first; only once command-service has
 * acknowledged that on the resource (e.g. DatabaseReady) is it completed or failed, so a reader
 * reacting to a finished job sees the resource in its final state.
 * <p>
 * The resource a job acts on is its target ({@code targetType}, {@code targetId}); the event's own
 * resource ({@link JobEvent#resourceId()}) is the job. The target is stored under the field names
 * {@code resourceType} and {@code resourceId}, as the first release stored it.
 */
public final class JobEvents {
    private JobEvents() {
    }

    @EventType("JobStarted")
    @Revision("1")
    public record JobStarted(String jobId, String organizationId, JobType type,
                             @JsonProperty("resourceType") ResourceType targetType,
                             @JsonProperty("resourceId") String targetId, int maxAttempts) implements JobEvent {
    }

    @EventType("JobAttemptStarted")
    @Revision("1")
    public record JobAttemptStarted(String jobId, String organizationId, int attempt) implements JobEvent {
    }

    @EventType("JobAttemptFailed")
    @Revision("1")
    public record JobAttemptFailed(String jobId, String organizationId, int attempt, Failure error,
                                   Instant nextAttemptAt) implements JobEvent {
    }

    @EventType("JobSucceeded")
    @Revision("1")
    public record JobSucceeded(String jobId, String organizationId, JobType type,
                               @JsonProperty("resourceId") String targetId, DatabaseOutcome outcome)
            implements JobEvent {
    }

    @EventType("JobGaveUp")
    @Revision("1")
    public record JobGaveUp(String jobId, String organizationId, JobType type,
                            @JsonProperty("resourceId") String targetId, Failure error) implements JobEvent {
    }

    @EventType("JobCompleted")
    @Revision("1")
    public record JobCompleted(String jobId, String organizationId, JobType type,
                               @JsonProperty("resourceId") String targetId) implements JobEvent {
    }

    @EventType("JobFailed")
    @Revision("1")
    public record JobFailed(String jobId, String organizationId, JobType type,
                            @JsonProperty("resourceId") String targetId, Failure error) implements JobEvent {
    }
}
