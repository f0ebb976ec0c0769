package io.strata.provisioner.provisioning;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.strata.contract.Failure;
import io.strata.contract.ResourceType;
import io.strata.contract.database.DatabaseEvents.CredentialRotationFailed;
import io.strata.contract.database.DatabaseEvents.CredentialRotationRequested;
import io.strata.contract.database.DatabaseEvents.CredentialsRotated;
import io.strata.contract.database.DatabaseEvents.DatabaseCreationRequested;
import io.strata.contract.database.DatabaseEvents.DatabaseDeleted;
import io.strata.contract.database.DatabaseEvents.DatabaseDeletionFailed;
import io.strata.contract.database.DatabaseEvents.DatabaseDeletionRequested;
import io.strata.contract.database.DatabaseEvents.DatabaseFailed;
import io.strata.contract.database.DatabaseEvents.DatabaseReady;
import io.strata.contract.job.DatabaseOutcome;
import io.strata.contract.job.JobCommands.CompleteJob;
import io.strata.contract.job.JobCommands.FailJob;
import io.strata.contract.job.JobCommands.GiveUpJob;
import io.strata.contract.job.JobCommands.RecordJobAttemptFailed;
import io.strata.contract.job.JobCommands.StartJob;
import io.strata.contract.job.JobCommands.StartJobAttempt;
import io.strata.contract.job.JobCommands.SucceedJob;
import io.strata.contract.job.JobType;
import io.strata.engines.EngineException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.Instant;

/**
 * Runs one database job (create, delete, rotate credentials) from request to completion:
 * starts the Job, runs the engine step, retries transient failures with backoff through durable
 * deadlines (db-scheduler, so a restart loses nothing), reports success or giving up, and completes
 * or fails the job only after command-service acknowledged the outcome on the Database.
 */
@Saga
@ProcessingGroup(ProvisioningSaga.GROUP)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public class ProvisioningSaga {
    public static final String GROUP = "provisioner.provisioning";
    static final String RETRY = "job-retry";
    private static final Logger log = LoggerFactory.getLogger(ProvisioningSaga.class);

    // Saga state, stored as JSON in saga_entry.
    private String jobId;
    private JobType type;
    private String organizationId;
    private String databaseId;
    private String engine;
    private boolean managed;
    private int maxAttempts;
    private int attempt;
    private boolean stepDone;

    @Autowired @JsonIgnore private transient CommandGateway commands;
    @Autowired @JsonIgnore private transient DeadlineManager deadlines;
    @Autowired @JsonIgnore private transient ProvisioningSteps steps;
    @Autowired @JsonIgnore private transient RetryPolicy retryPolicy;
    @Autowired @JsonIgnore private transient Clock clock;

    @StartSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(DatabaseCreationRequested e) {
        begin(JobType.DATABASE_CREATE, e.jobId(), e.organizationId(), e.databaseId(), e.engine(), true, e.maxAttempts());
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(DatabaseDeletionRequested e) {
        begin(JobType.DATABASE_DELETE, e.jobId(), e.organizationId(), e.databaseId(), e.engine(), e.managed(), e.maxAttempts());
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(CredentialRotationRequested e) {
        begin(JobType.CREDENTIALS_ROTATE, e.jobId(), e.organizationId(), e.databaseId(), e.engine(), true, e.maxAttempts());
    }

    private void begin(JobType type, String jobId, String organizationId, String databaseId, String engine,
                       boolean managed, int maxAttempts) {
        if (this.jobId != null) {
            return; // the request was redelivered: this saga already runs the job
        }
        this.type = type;
        this.jobId = jobId;
        this.organizationId = organizationId;
        this.databaseId = databaseId;
        this.engine = engine;
        this.managed = managed;
        this.maxAttempts = Math.max(1, maxAttempts);
        commands.sendAndWait(new StartJob(jobId, organizationId, type, ResourceType.DATABASE, databaseId, this.maxAttempts));
        attempt(1);
    }

    @DeadlineHandler(deadlineName = RETRY)
    void retry(Integer nextAttempt) {
        if (!stepDone) {
            attempt(nextAttempt);
        }
    }

    private void attempt(int n) {
        attempt = n;
        if (n > 1) {
            commands.sendAndWait(new StartJobAttempt(jobId, n));
        }
        DatabaseOutcome outcome;
        try {
            outcome = steps.run(type, jobId, databaseId, engine, managed);
        } catch (EngineException e) {
            failed(n, new Failure(e.code(), e.getMessage(), e.retryable()));
            return;
        } catch (RuntimeException e) {
            log.warn("job {} attempt {} failed unexpectedly: {}", jobId, n, e.toString());
            failed(n, new Failure("internal_error", "the provisioner failed unexpectedly", true));
            return;
        }
        stepDone = true;
        commands.sendAndWait(new SucceedJob(jobId, outcome));
    }

    private void failed(int n, Failure error) {
        if (error.retryable() && n < maxAttempts) {
            Instant next = clock.instant().plus(retryPolicy.delayAfter(n));
            commands.sendAndWait(new RecordJobAttemptFailed(jobId, n, error, next));
            deadlines.schedule(next, RETRY, n + 1);
            log.info("job {} attempt {}/{} failed ({}); next attempt at {}", jobId, n, maxAttempts, error.code(), next);
        } else {
            stepDone = true;
            commands.sendAndWait(new RecordJobAttemptFailed(jobId, n, error, null));
            commands.sendAndWait(new GiveUpJob(jobId, error));
            log.info("job {} gave up after attempt {} ({})", jobId, n, error.code());
        }
    }

    // command-service acknowledged the outcome on the Database: now the job is finished.

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(DatabaseReady e) {
        commands.sendAndWait(new CompleteJob(jobId));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(DatabaseDeleted e) {
        commands.sendAndWait(new CompleteJob(jobId));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(CredentialsRotated e) {
        commands.sendAndWait(new CompleteJob(jobId));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(DatabaseFailed e) {
        commands.sendAndWait(new FailJob(jobId, e.error()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(DatabaseDeletionFailed e) {
        commands.sendAndWait(new FailJob(jobId, e.error()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(CredentialRotationFailed e) {
        commands.sendAndWait(new FailJob(jobId, e.error()));
    }

}
