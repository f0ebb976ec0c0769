package io.strata.command.database;

import io.strata.contract.Refusal;
import io.strata.contract.database.DatabaseCommands.AcknowledgeJobGaveUp;
import io.strata.contract.database.DatabaseCommands.AcknowledgeJobSucceeded;
import io.strata.contract.database.DatabaseCommands.CreateDatabase;
import io.strata.contract.database.DatabaseCommands.DeleteDatabase;
import io.strata.contract.database.DatabaseCommands.RegisterDatabase;
import io.strata.contract.database.DatabaseCommands.RenameDatabase;
import io.strata.contract.database.DatabaseCommands.RotateCredentials;
import io.strata.contract.database.DatabaseCommands.UpdateDatabaseConnection;
import io.strata.contract.database.DatabaseEvents.CredentialRotationFailed;
import io.strata.contract.database.DatabaseEvents.CredentialRotationRequested;
import io.strata.contract.database.DatabaseEvents.CredentialsRotated;
import io.strata.contract.database.DatabaseEvents.DatabaseConnectionUpdated;
import io.strata.contract.database.DatabaseEvents.DatabaseCreationRequested;
import io.strata.contract.database.DatabaseEvents.DatabaseDeleted;
import io.strata.contract.database.DatabaseEvents.DatabaseDeletionFailed;
import io.strata.contract.database.DatabaseEvents.DatabaseDeletionRequested;
import io.strata.contract.database.DatabaseEvents.DatabaseFailed;
import io.strata.contract.database.DatabaseEvents.DatabaseReady;
import io.strata.contract.database.DatabaseEvents.DatabaseRegistered;
import io.strata.contract.database.DatabaseEvents.DatabaseRenamed;
import io.strata.contract.database.DatabaseResource;
import io.strata.contract.database.DatabaseStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A database of a project: provisioned by Strata (managed) or registered from outside. Lifecycle
 * actions are jobs run by provisioner-saga; this aggregate only records requests and the results
 * the job policy acknowledges. Acknowledgements are idempotent: a redelivered job event changes nothing.
 */
@Aggregate
public class Database {
    @AggregateIdentifier
    private String id;
    private String organizationId;
    private String projectId;
    private String name;
    private String engine;
    private boolean managed;
    private DatabaseStatus status;
    private DatabaseStatus statusBeforeDeletion;
    private String host;
    private Integer port;
    private String databaseName;
    private String pendingJobId;
    private Instant createdAt;
    private Instant updatedAt;
    private long version;

    protected Database() {
    }

    Database(CreateDatabase command) {
        apply(new DatabaseCreationRequested(command.databaseId(), command.organizationId(), command.projectId(),
                command.name(), command.engine(), command.jobId(), command.maxAttempts()));
    }

    Database(RegisterDatabase command) {
        apply(new DatabaseRegistered(command.databaseId(), command.organizationId(), command.projectId(),
                command.name(), command.engine(), command.host(), command.port(), command.databaseName(),
                command.user(), command.sealedConnection()));
    }

    boolean isLive() {
        return status != DatabaseStatus.DELETED;
    }

    String projectId() {
        return projectId;
    }

    @CommandHandler
    public DatabaseResource handle(RenameDatabase command) {
        requireVisibleTo(command.organizationId());
        requireVersion(command.expectedVersion());
        if (!name.equals(command.name())) {
            apply(new DatabaseRenamed(id, organizationId, projectId, command.name()));
        }
        return view();
    }

    @CommandHandler
    public DatabaseResource handle(UpdateDatabaseConnection command) {
        requireVisibleTo(command.organizationId());
        requireVersion(command.expectedVersion());
        if (managed) {
            throw Refusal.conflict("database_managed", "the connection of a database Strata provisioned cannot be replaced");
        }
        apply(new DatabaseConnectionUpdated(id, organizationId, projectId, command.host(), command.port(),
                command.databaseName(), command.user(), command.sealedConnection()));
        return view();
    }

    @CommandHandler
    public void handle(DeleteDatabase command) {
        requireVisibleTo(command.organizationId());
        if (status == DatabaseStatus.PROVISIONING || status == DatabaseStatus.DELETING || pendingJobId != null) {
            throw Refusal.conflict("database_busy", "database " + id + " has a job in progress; retry when it finished");
        }
        apply(new DatabaseDeletionRequested(id, organizationId, projectId, engine, managed, command.jobId(),
                command.maxAttempts()));
    }

    @CommandHandler
    public void handle(RotateCredentials command) {
        requireVisibleTo(command.organizationId());
        if (!managed) {
            throw Refusal.conflict("database_not_managed",
                    "database " + id + " was registered from outside: rotate its password where it lives, then PATCH the connection");
        }
        if (status != DatabaseStatus.READY || pendingJobId != null) {
            throw Refusal.conflict("database_not_ready", "database " + id + " is " + status.wireName()
                    + (pendingJobId != null ? " with a job in progress" : ""));
        }
        apply(new CredentialRotationRequested(id, organizationId, projectId, engine, command.jobId(), command.maxAttempts()));
    }

    @CommandHandler
    public void handle(AcknowledgeJobSucceeded command) {
        if (!command.jobId().equals(pendingJobId)) {
            return; // already acknowledged (redelivery)
        }
        switch (command.type()) {
            case DATABASE_CREATE -> apply(new DatabaseReady(id, organizationId, projectId, command.jobId(), command.outcome()));
            case DATABASE_DELETE -> apply(new DatabaseDeleted(id, organizationId, projectId, command.jobId()));
            case CREDENTIALS_ROTATE -> apply(new CredentialsRotated(id, organizationId, projectId, command.jobId(),
                    command.outcome().credentialVersion(), command.outcome().credentialFingerprint()));
        }
    }

    @CommandHandler
    public void handle(AcknowledgeJobGaveUp command) {
        if (!command.jobId().equals(pendingJobId)) {
            return;
        }
        switch (command.type()) {
            case DATABASE_CREATE -> apply(new DatabaseFailed(id, organizationId, projectId, command.jobId(), command.error()));
            case DATABASE_DELETE -> apply(new DatabaseDeletionFailed(id, organizationId, projectId, command.jobId(), command.error()));
            case CREDENTIALS_ROTATE -> apply(new CredentialRotationFailed(id, organizationId, projectId, command.jobId(), command.error()));
        }
    }

    DatabaseResource view() {
        return new DatabaseResource(id, projectId, name, engine, status, host, port, databaseName,
                managed, createdAt, updatedAt, version);
    }

    /** Another organization's database, or a deleted one, does not exist for the caller. */
    void requireVisibleTo(String organizationId) {
        if (!this.organizationId.equals(organizationId) || status == DatabaseStatus.DELETED) {
            throw Refusal.notFound("database", id);
        }
    }

    private void requireVersion(Long expected) {
        if (expected != null && expected != version) {
            throw Refusal.preconditionFailed(
                    "database " + id + " is at version " + version + ", not " + expected);
        }
    }

    @EventSourcingHandler
    void on(DatabaseCreationRequested e, @Timestamp Instant at, @SequenceNumber long seq) {
        id = e.databaseId();
        organizationId = e.organizationId();
        projectId = e.projectId();
        name = e.name();
        engine = e.engine();
        managed = true;
        status = DatabaseStatus.PROVISIONING;
        pendingJobId = e.jobId();
        createdAt = at;
        touch(at, seq);
    }

    @EventSourcingHandler
    void on(DatabaseRegistered e, @Timestamp Instant at, @SequenceNumber long seq) {
        id = e.databaseId();
        organizationId = e.organizationId();
        projectId = e.projectId();
        name = e.name();
        engine = e.engine();
        managed = false;
        status = DatabaseStatus.READY;
        host = e.host();
        port = e.port();
        databaseName = e.databaseName();
        createdAt = at;
        touch(at, seq);
    }

    @EventSourcingHandler
    void on(DatabaseReady e, @Timestamp Instant at, @SequenceNumber long seq) {
        status = DatabaseStatus.READY;
        pendingJobId = null;
        host = e.outcome().host();
        port = e.outcome().port();
        databaseName = e.outcome().databaseName();
        touch(at, seq);
    }

    @EventSourcingHandler
    void on(DatabaseFailed e, @Timestamp Instant at, @SequenceNumber long seq) {
        status = DatabaseStatus.FAILED;
        pendingJobId = null;
        touch(at, seq);
    }

    @EventSourcingHandler
    void on(DatabaseRenamed e, @Timestamp Instant at, @SequenceNumber long seq) {
        name = e.name();
        touch(at, seq);
    }

    @EventSourcingHandler
    void on(DatabaseConnectionUpdated e, @Timestamp Instant at, @SequenceNumber long seq) {
        host = e.host();
        port = e.port();
        databaseName = e.databaseName();
        touch(at, seq);
    }

    @EventSourcingHandler
    void on(DatabaseDeletionRequested e, @Timestamp Instant at, @SequenceNumber long seq) {
        statusBeforeDeletion = status;
        status = DatabaseStatus.DELETING;
        pendingJobId = e.jobId();
        touch(at, seq);
    }

    @EventSourcingHandler
    void on(DatabaseDeleted e, @Timestamp Instant at, @SequenceNumber long seq) {
        status = DatabaseStatus.DELETED;
        pendingJobId = null;
        touch(at, seq);
    }

    @EventSourcingHandler
    void on(DatabaseDeletionFailed e, @Timestamp Instant at, @SequenceNumber long seq) {
        status = statusBeforeDeletion;
        pendingJobId = null;
        touch(at, seq);
    }

    @EventSourcingHandler
    void on(CredentialRotationRequested e, @Timestamp Instant at, @SequenceNumber long seq) {
        pendingJobId = e.jobId();
        touch(at, seq);
    }

    @EventSourcingHandler
    void on(CredentialsRotated e, @Timestamp Instant at, @SequenceNumber long seq) {
        pendingJobId = null;
        touch(at, seq);
    }

    @EventSourcingHandler
    void on(CredentialRotationFailed e, @Timestamp Instant at, @SequenceNumber long seq) {
        pendingJobId = null;
        touch(at, seq);
    }

    private void touch(Instant at, long seq) {
        updatedAt = at;
        version = seq;
    }
}
