package io.strata.command.database;

import io.strata.contract.database.DatabaseCommands.AcknowledgeJobGaveUp;
import io.strata.contract.database.DatabaseCommands.AcknowledgeJobSucceeded;
import io.strata.contract.job.JobEvents.JobGaveUp;
import io.strata.contract.job.JobEvents.JobSucceeded;
import io.strata.contract.job.JobType;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * When provisioner-saga reports a database job's outcome, record it on the Database (ready, deleted,
 * rotated, or failed). The saga completes the job only after that, so the order clients observe is
 * "database ready, then job completed". Acknowledgements are idempotent in the aggregate.
 */
@Component
@ProcessingGroup("command.database-job-policy")
public class DatabaseJobPolicy {
    private static final Set<JobType> DATABASE_JOBS = Set.of(JobType.DATABASE_CREATE, JobType.DATABASE_DELETE,
            JobType.CREDENTIALS_ROTATE);
    private final CommandGateway commands;

    public DatabaseJobPolicy(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(JobSucceeded event) {
        if (DATABASE_JOBS.contains(event.type())) {
            commands.sendAndWait(new AcknowledgeJobSucceeded(event.targetId(), event.jobId(), event.type(), event.outcome()));
        }
    }

    @EventHandler
    void on(JobGaveUp event) {
        if (DATABASE_JOBS.contains(event.type())) {
            commands.sendAndWait(new AcknowledgeJobGaveUp(event.targetId(), event.jobId(), event.type(), event.error()));
        }
    }
}
