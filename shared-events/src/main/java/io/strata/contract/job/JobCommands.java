package io.strata.contract.job;

import io.strata.contract.Failure;
import io.strata.contract.ResourceType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Commands of the Job aggregate; only provisioner-saga sends them (it hosts Job). */
public final class JobCommands {
    private JobCommands() {
    }

    public record StartJob(@TargetAggregateIdentifier String jobId, String organizationId, JobType type,
                           ResourceType resourceType, String resourceId, int maxAttempts) {
    }

    public record StartJobAttempt(@TargetAggregateIdentifier String jobId, int attempt) {
    }

    public record RecordJobAttemptFailed(@TargetAggregateIdentifier String jobId, int attempt, Failure error,
                                         Instant nextAttemptAt) {
    }

    public record SucceedJob(@TargetAggregateIdentifier String jobId, DatabaseOutcome outcome) {
    }

    public record GiveUpJob(@TargetAggregateIdentifier String jobId, Failure error) {
    }

    public record CompleteJob(@TargetAggregateIdentifier String jobId) {
    }

    public record FailJob(@TargetAggregateIdentifier String jobId, Failure error) {
    }
}
