package io.strata.provisioner.job;

import io.strata.contract.job.JobCommands.CompleteJob;
import io.strata.contract.job.JobCommands.FailJob;
import io.strata.contract.job.JobCommands.GiveUpJob;
import io.strata.contract.job.JobCommands.RecordJobAttemptFailed;
import io.strata.contract.job.JobCommands.StartJob;
import io.strata.contract.job.JobCommands.StartJobAttempt;
import io.strata.contract.job.JobCommands.SucceedJob;
import io.strata.contract.job.JobEvents.JobAttemptFailed;
import io.strata.contract.job.JobEvents.JobAttemptStarted;
import io.strata.contract.job.JobEvents.JobCompleted;
import io.strata.contract.job.JobEvents.JobFailed;
import io.strata.contract.job.JobEvents.JobGaveUp;
import io.strata.contract.job.JobEvents.JobStarted;
import io.strata.contract.job.JobEvents.JobSucceeded;
import io.strata.contract.job.JobType;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A job's state machine: running (attempts, each may fail and be retried) → succeeded or gave up →
 * completed or failed once the resource acknowledged the outcome. Every command is idempotent: a
 * command that would not change the state is ignored, so a saga step that runs twice is harmless.
 */
@Aggregate
public class Job {
    enum State { RUNNING, SUCCEEDED, GAVE_UP, COMPLETED, FAILED }

    @AggregateIdentifier
    private String id;
    private String organizationId;
    private JobType type;
    private String resourceId;
    private State state;
    private int attempt;

    protected Job() {
    }

    /** Create-or-noop: the saga may send StartJob again after a crash. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(StartJob command) {
        if (state == null) {
            apply(new JobStarted(command.jobId(), command.organizationId(), command.type(), command.resourceType(),
                    command.resourceId(), command.maxAttempts()));
        }
    }

    @CommandHandler
    public void handle(StartJobAttempt command) {
        if (state == State.RUNNING && command.attempt() > attempt) {
            apply(new JobAttemptStarted(id, organizationId, command.attempt()));
        }
    }

    @CommandHandler
    public void handle(RecordJobAttemptFailed command) {
        if (state == State.RUNNING && command.attempt() == attempt) {
            apply(new JobAttemptFailed(id, organizationId, command.attempt(), command.error(), command.nextAttemptAt()));
        }
    }

    @CommandHandler
    public void handle(SucceedJob command) {
        if (state == State.RUNNING) {
            apply(new JobSucceeded(id, organizationId, type, resourceId, command.outcome()));
        }
    }

    @CommandHandler
    public void handle(GiveUpJob command) {
        if (state == State.RUNNING) {
            apply(new JobGaveUp(id, organizationId, type, resourceId, command.error()));
        }
    }

    @CommandHandler
    public void handle(CompleteJob command) {
        if (state == State.SUCCEEDED) {
            apply(new JobCompleted(id, organizationId, type, resourceId));
        }
    }

    @CommandHandler
    public void handle(FailJob command) {
        if (state == State.RUNNING || state == State.SUCCEEDED || state == State.GAVE_UP) {
            apply(new JobFailed(id, organizationId, type, resourceId, command.error()));
        }
    }

    @EventSourcingHandler
    void on(JobStarted e) {
        id = e.jobId();
        organizationId = e.organizationId();
        type = e.type();
        resourceId = e.targetId();
        state = State.RUNNING;
        attempt = 1;
    }

    @EventSourcingHandler
    void on(JobAttemptStarted e) {
        attempt = e.attempt();
    }

    @EventSourcingHandler
    void on(JobSucceeded e) {
        state = State.SUCCEEDED;
    }

    @EventSourcingHandler
    void on(JobGaveUp e) {
        state = State.GAVE_UP;
    }

    @EventSourcingHandler
    void on(JobCompleted e) {
        state = State.COMPLETED;
    }

    @EventSourcingHandler
    void on(JobFailed e) {
        state = State.FAILED;
    }
}
