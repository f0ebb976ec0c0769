package io.strata.command.database;

import io.strata.command.project.Project;
import io.strata.contract.Failure;
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
import io.strata.contract.job.DatabaseOutcome;
import io.strata.contract.job.JobType;
import io.strata.contract.project.ProjectEvents.ProjectCreated;
import io.strata.contract.project.ProjectEvents.ProjectDeleted;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.strata.command.Refusals.conflict;
import static io.strata.command.Refusals.notFound;
import static io.strata.command.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * The Database aggregate and its creating handler ({@link DatabaseCommandHandler}): requests are
 * refused while they cannot apply (a job in progress, the wrong kind of database, a stale version),
 * another organization's or a deleted database does not exist, and the job policy's acknowledgements
 * record each job's outcome once. The projects the handler checks live in an event-sourcing
 * repository over an in-memory store of their own, as the fixture records one aggregate's events only.
 */
class DatabaseTest {
    private static final String ORG = "org_1";
    private static final String OTHER = "org_other";
    private static final String PROJECT = "prj_1";
    private static final String DB = "db_1";
    private static final String CREATE_JOB = "job_create";
    private static final String NEXT_JOB = "job_next";
    private static final int MAX_ATTEMPTS = 5;
    private static final JobType CREATE = JobType.DATABASE_CREATE;
    private static final JobType DELETE = JobType.DATABASE_DELETE;
    private static final JobType ROTATE = JobType.CREDENTIALS_ROTATE;
    private static final DatabaseOutcome OUTCOME = new DatabaseOutcome("pg.internal", 5432, "strata_db_1", "u_db_1", 1, "fp-1");
    private static final DatabaseOutcome ROTATED = new DatabaseOutcome("pg.internal", 5432, "strata_db_1", "u_db_1", 2, "fp-2");
    private static final Failure ERROR = new Failure("engine_unavailable", "the engine did not answer", false);

    private AggregateTestFixture<Database> fixture;
    private EmbeddedEventStore projectStore;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Database.class);
        projectStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        var projects = EventSourcingRepository.builder(Project.class).eventStore(projectStore).build();
        fixture.registerAnnotatedCommandHandler(new DatabaseCommandHandler(fixture.getRepository(), projects));
    }

    @AfterEach
    void tearDown() {
        projectStore.shutDown();
    }

    private void projectHistory(Object... events) {
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            messages.add(new GenericDomainEventMessage<>("Project", PROJECT, i, events[i]));
        }
        projectStore.publish(messages);
    }

    private static DatabaseCreationRequested requested() {
        return new DatabaseCreationRequested(DB, ORG, PROJECT, "orders", "postgres", CREATE_JOB, MAX_ATTEMPTS);
    }

    private static DatabaseReady ready() {
        return new DatabaseReady(DB, ORG, PROJECT, CREATE_JOB, OUTCOME);
    }

    private static DatabaseRegistered registered() {
        return new DatabaseRegistered(DB, ORG, PROJECT, "legacy", "postgres", "db.example.com", 5432, "legacy", "app",
                "sealed-connection");
    }

    private static DatabaseDeletionRequested deletionRequested(boolean managed) {
        return new DatabaseDeletionRequested(DB, ORG, PROJECT, "postgres", managed, NEXT_JOB, MAX_ATTEMPTS);
    }

    private static CredentialRotationRequested rotationRequested() {
        return new CredentialRotationRequested(DB, ORG, PROJECT, "postgres", NEXT_JOB, MAX_ATTEMPTS);
    }

    private static CreateDatabase create(String organizationId) {
        return new CreateDatabase(DB, organizationId, PROJECT, "orders", "postgres", CREATE_JOB, MAX_ATTEMPTS);
    }

    private static RegisterDatabase register() {
        return new RegisterDatabase(DB, ORG, PROJECT, "legacy", "postgres", "db.example.com", 5432, "legacy", "app",
                "sealed-connection");
    }

    private static UpdateDatabaseConnection updateConnection(String organizationId, Long expectedVersion) {
        return new UpdateDatabaseConnection(DB, organizationId, "db2.example.com", 6432, "legacy2", "app2",
                "sealed-connection-2", expectedVersion);
    }

    // --- creation and registration (DatabaseCommandHandler)

    @Test
    void createRequestsProvisioningInALiveProjectOfTheOrganization() {
        projectHistory(new ProjectCreated(PROJECT, ORG, "web"));
        fixture.givenNoPriorActivity()
                .when(create(ORG))
                .expectSuccessfulHandlerExecution()
                .expectEvents(requested())
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof DatabaseResource d
                        && d.id().equals(DB) && d.projectId().equals(PROJECT) && d.name().equals("orders")
                        && d.engine().equals("postgres") && "provisioning".equals(String.valueOf(d.status()))
                        && d.managed() && d.host() == null && d.version() == 0 && d.createdAt() != null))
                .expectState(db -> {
                    assertThat(db.isLive()).isTrue();
                    assertThat(db.projectId()).isEqualTo(PROJECT);
                });
    }

    @Test
    void createInAnUnknownProjectIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(create(ORG))
                .expectException(Refusal.class)
                .expectException(notFound())
                .expectExceptionMessage("project " + PROJECT + " was not found")
                .expectNoEvents();
    }

    @Test
    void createInADeletedProjectIsNotFound() {
        projectHistory(new ProjectCreated(PROJECT, ORG, "web"), new ProjectDeleted(PROJECT, ORG));
        fixture.givenNoPriorActivity()
                .when(create(ORG))
                .expectException(notFound())
                .expectExceptionMessage("project " + PROJECT + " was not found")
                .expectNoEvents();
    }

    @Test
    void createInAnotherOrganizationsProjectIsNotFound() {
        projectHistory(new ProjectCreated(PROJECT, ORG, "web"));
        fixture.givenNoPriorActivity()
                .when(create(OTHER))
                .expectException(notFound())
                .expectExceptionMessage("project " + PROJECT + " was not found")
                .expectNoEvents();
    }

    @Test
    void registerRecordsAReadyDatabaseStrataDoesNotManage() {
        projectHistory(new ProjectCreated(PROJECT, ORG, "web"));
        fixture.givenNoPriorActivity()
                .when(register())
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered())
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof DatabaseResource d
                        && d.id().equals(DB) && "ready".equals(String.valueOf(d.status())) && !d.managed()
                        && d.host().equals("db.example.com") && d.port() == 5432 && d.databaseName().equals("legacy")));
    }

    @Test
    void registerInAnUnknownProjectIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(register())
                .expectException(notFound())
                .expectExceptionMessage("project " + PROJECT + " was not found")
                .expectNoEvents();
    }

    @Test
    void registerInADeletedProjectIsNotFound() {
        projectHistory(new ProjectCreated(PROJECT, ORG, "web"), new ProjectDeleted(PROJECT, ORG));
        fixture.givenNoPriorActivity()
                .when(register())
                .expectException(notFound())
                .expectNoEvents();
    }

    // --- rename

    @Test
    void renameEmitsRenamedAndAnswersTheNewVersion() {
        fixture.given(requested(), ready())
                .when(new RenameDatabase(DB, ORG, "invoices", null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DatabaseRenamed(DB, ORG, PROJECT, "invoices"))
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof DatabaseResource d
                        && d.name().equals("invoices") && d.version() == 2));
    }

    @Test
    void renameToTheSameNameEmitsNothing() {
        fixture.given(requested(), ready())
                .when(new RenameDatabase(DB, ORG, "orders", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void renameAtTheExpectedVersionSucceeds() {
        fixture.given(requested(), ready())
                .when(new RenameDatabase(DB, ORG, "invoices", 1L))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DatabaseRenamed(DB, ORG, PROJECT, "invoices"));
    }

    @Test
    void renameAtAnotherVersionFailsItsPrecondition() {
        fixture.given(requested(), ready())
                .when(new RenameDatabase(DB, ORG, "invoices", 0L))
                .expectException(refusal(Refusal.Kind.PRECONDITION_FAILED, "precondition_failed"))
                .expectExceptionMessage("database " + DB + " is at version 1, not 0")
                .expectNoEvents();
    }

    @Test
    void renameByAnotherOrganizationIsNotFound() {
        fixture.given(requested(), ready())
                .when(new RenameDatabase(DB, OTHER, "stolen", null))
                .expectException(notFound())
                .expectExceptionMessage("database " + DB + " was not found")
                .expectNoEvents();
    }

    @Test
    void renameOfADeletedDatabaseIsNotFound() {
        fixture.given(requested(), ready(), deletionRequested(true), new DatabaseDeleted(DB, ORG, PROJECT, NEXT_JOB))
                .when(new RenameDatabase(DB, ORG, "invoices", null))
                .expectException(notFound())
                .expectExceptionMessage("database " + DB + " was not found")
                .expectNoEvents();
    }

    // --- a registered database's connection

    @Test
    void updateConnectionOfARegisteredDatabase() {
        fixture.given(registered())
                .when(updateConnection(ORG, 0L))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DatabaseConnectionUpdated(DB, ORG, PROJECT, "db2.example.com", 6432, "legacy2", "app2",
                        "sealed-connection-2"))
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof DatabaseResource d
                        && d.host().equals("db2.example.com") && d.port() == 6432 && d.databaseName().equals("legacy2")
                        && d.version() == 1));
    }

    @Test
    void updateConnectionOfAManagedDatabaseIsAConflict() {
        fixture.given(requested(), ready())
                .when(updateConnection(ORG, null))
                .expectException(conflict("database_managed"))
                .expectExceptionMessage("the connection of a database Strata provisioned cannot be replaced")
                .expectNoEvents();
    }

    @Test
    void updateConnectionAtAnotherVersionFailsItsPrecondition() {
        fixture.given(registered())
                .when(updateConnection(ORG, 7L))
                .expectException(refusal(Refusal.Kind.PRECONDITION_FAILED, "precondition_failed"))
                .expectExceptionMessage("database " + DB + " is at version 0, not 7")
                .expectNoEvents();
    }

    @Test
    void updateConnectionByAnotherOrganizationIsNotFound() {
        fixture.given(registered())
                .when(updateConnection(OTHER, null))
                .expectException(notFound())
                .expectNoEvents();
    }

    // --- deletion

    @Test
    void deleteAReadyManagedDatabaseRequestsItsDeletion() {
        fixture.given(requested(), ready())
                .when(new DeleteDatabase(DB, ORG, NEXT_JOB, MAX_ATTEMPTS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(deletionRequested(true))
                .expectState(db -> assertThat(db.view().status()).hasToString("deleting"));
    }

    @Test
    void deleteARegisteredDatabaseSaysItIsNotManaged() {
        fixture.given(registered())
                .when(new DeleteDatabase(DB, ORG, NEXT_JOB, MAX_ATTEMPTS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(deletionRequested(false));
    }

    @Test
    void deleteADatabaseWhoseProvisioningFailed() {
        fixture.given(requested(), new DatabaseFailed(DB, ORG, PROJECT, CREATE_JOB, ERROR))
                .when(new DeleteDatabase(DB, ORG, NEXT_JOB, MAX_ATTEMPTS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(deletionRequested(true));
    }

    @Test
    void deleteWhileProvisioningIsBusy() {
        fixture.given(requested())
                .when(new DeleteDatabase(DB, ORG, NEXT_JOB, MAX_ATTEMPTS))
                .expectException(conflict("database_busy"))
                .expectExceptionMessage("database " + DB + " has a job in progress; retry when it finished")
                .expectNoEvents();
    }

    @Test
    void deleteWhileDeletingIsBusy() {
        fixture.given(requested(), ready(), deletionRequested(true))
                .when(new DeleteDatabase(DB, ORG, "job_again", MAX_ATTEMPTS))
                .expectException(conflict("database_busy"))
                .expectNoEvents();
    }

    @Test
    void deleteWhileRotatingIsBusy() {
        fixture.given(requested(), ready(), rotationRequested())
                .when(new DeleteDatabase(DB, ORG, "job_again", MAX_ATTEMPTS))
                .expectException(conflict("database_busy"))
                .expectNoEvents();
    }

    @Test
    void deleteByAnotherOrganizationIsNotFound() {
        fixture.given(requested(), ready())
                .when(new DeleteDatabase(DB, OTHER, NEXT_JOB, MAX_ATTEMPTS))
                .expectException(notFound())
                .expectExceptionMessage("database " + DB + " was not found")
                .expectNoEvents();
    }

    @Test
    void deleteOfADeletedDatabaseIsNotFound() {
        fixture.given(requested(), ready(), deletionRequested(true), new DatabaseDeleted(DB, ORG, PROJECT, NEXT_JOB))
                .when(new DeleteDatabase(DB, ORG, "job_again", MAX_ATTEMPTS))
                .expectException(notFound())
                .expectNoEvents();
    }

    // --- credential rotation

    @Test
    void rotateAReadyManagedDatabaseRequestsARotation() {
        fixture.given(requested(), ready())
                .when(new RotateCredentials(DB, ORG, NEXT_JOB, MAX_ATTEMPTS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(rotationRequested());
    }

    @Test
    void rotateARegisteredDatabaseIsAConflict() {
        fixture.given(registered())
                .when(new RotateCredentials(DB, ORG, NEXT_JOB, MAX_ATTEMPTS))
                .expectException(conflict("database_not_managed"))
                .expectExceptionMessage("database " + DB + " was registered from outside: rotate its password where it"
                        + " lives, then PATCH the connection")
                .expectNoEvents();
    }

    @Test
    void rotateWhileProvisioningIsNotReady() {
        fixture.given(requested())
                .when(new RotateCredentials(DB, ORG, NEXT_JOB, MAX_ATTEMPTS))
                .expectException(conflict("database_not_ready"))
                .expectExceptionMessage("database " + DB + " is provisioning with a job in progress")
                .expectNoEvents();
    }

    @Test
    void rotateWhileARotationRunsIsNotReady() {
        fixture.given(requested(), ready(), rotationRequested())
                .when(new RotateCredentials(DB, ORG, "job_again", MAX_ATTEMPTS))
                .expectException(conflict("database_not_ready"))
                .expectExceptionMessage("database " + DB + " is ready with a job in progress")
                .expectNoEvents();
    }

    @Test
    void rotateAFailedDatabaseIsNotReady() {
        fixture.given(requested(), new DatabaseFailed(DB, ORG, PROJECT, CREATE_JOB, ERROR))
                .when(new RotateCredentials(DB, ORG, NEXT_JOB, MAX_ATTEMPTS))
                .expectException(conflict("database_not_ready"))
                .expectExceptionMessage("database " + DB + " is failed")
                .expectNoEvents();
    }

    @Test
    void rotateByAnotherOrganizationIsNotFound() {
        fixture.given(requested(), ready())
                .when(new RotateCredentials(DB, OTHER, NEXT_JOB, MAX_ATTEMPTS))
                .expectException(notFound())
                .expectNoEvents();
    }

    // --- the job policy's acknowledgements

    @Test
    void aSucceededCreationMakesTheDatabaseReady() {
        fixture.given(requested())
                .when(new AcknowledgeJobSucceeded(DB, CREATE_JOB, CREATE, OUTCOME))
                .expectSuccessfulHandlerExecution()
                .expectEvents(ready())
                .expectState(db -> {
                    DatabaseResource view = db.view();
                    assertThat(view.status()).hasToString("ready");
                    assertThat(view.host()).isEqualTo("pg.internal");
                    assertThat(view.port()).isEqualTo(5432);
                    assertThat(view.databaseName()).isEqualTo("strata_db_1");
                });
    }

    @Test
    void aCreationAcknowledgedTwiceIsRecordedOnce() {
        fixture.given(requested(), ready())
                .when(new AcknowledgeJobSucceeded(DB, CREATE_JOB, CREATE, OUTCOME))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aCreationThatGaveUpFailsTheDatabase() {
        fixture.given(requested())
                .when(new AcknowledgeJobGaveUp(DB, CREATE_JOB, CREATE, ERROR))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DatabaseFailed(DB, ORG, PROJECT, CREATE_JOB, ERROR))
                .expectState(db -> assertThat(db.view().status()).hasToString("failed"));
    }

    @Test
    void aFailedCreationAcknowledgedTwiceIsRecordedOnce() {
        fixture.given(requested(), new DatabaseFailed(DB, ORG, PROJECT, CREATE_JOB, ERROR))
                .when(new AcknowledgeJobGaveUp(DB, CREATE_JOB, CREATE, ERROR))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSucceededDeletionDeletesTheDatabase() {
        fixture.given(requested(), ready(), deletionRequested(true))
                .when(new AcknowledgeJobSucceeded(DB, NEXT_JOB, DELETE, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DatabaseDeleted(DB, ORG, PROJECT, NEXT_JOB))
                .expectState(db -> {
                    assertThat(db.isLive()).isFalse();
                    assertThat(db.view().status()).hasToString("deleted");
                });
    }

    @Test
    void aDeletionAcknowledgedTwiceIsRecordedOnce() {
        fixture.given(requested(), ready(), deletionRequested(true), new DatabaseDeleted(DB, ORG, PROJECT, NEXT_JOB))
                .when(new AcknowledgeJobSucceeded(DB, NEXT_JOB, DELETE, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDeletionThatGaveUpRestoresTheStatusBeforeIt() {
        fixture.given(requested(), ready(), deletionRequested(true))
                .when(new AcknowledgeJobGaveUp(DB, NEXT_JOB, DELETE, ERROR))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DatabaseDeletionFailed(DB, ORG, PROJECT, NEXT_JOB, ERROR))
                .expectState(db -> assertThat(db.view().status()).hasToString("ready"));
    }

    @Test
    void aFailedDatabaseStaysFailedWhenItsDeletionGaveUp() {
        fixture.given(requested(), new DatabaseFailed(DB, ORG, PROJECT, CREATE_JOB, ERROR), deletionRequested(true))
                .when(new AcknowledgeJobGaveUp(DB, NEXT_JOB, DELETE, ERROR))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DatabaseDeletionFailed(DB, ORG, PROJECT, NEXT_JOB, ERROR))
                .expectState(db -> assertThat(db.view().status()).hasToString("failed"));
    }

    @Test
    void aSucceededRotationRecordsTheNewCredentialVersion() {
        fixture.given(requested(), ready(), rotationRequested())
                .when(new AcknowledgeJobSucceeded(DB, NEXT_JOB, ROTATE, ROTATED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CredentialsRotated(DB, ORG, PROJECT, NEXT_JOB, 2, "fp-2"));
    }

    @Test
    void aRotationAcknowledgedTwiceIsRecordedOnce() {
        fixture.given(requested(), ready(), rotationRequested(), new CredentialsRotated(DB, ORG, PROJECT, NEXT_JOB, 2, "fp-2"))
                .when(new AcknowledgeJobSucceeded(DB, NEXT_JOB, ROTATE, ROTATED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRotationThatGaveUpIsRecordedAndFreesTheDatabase() {
        fixture.given(requested(), ready(), rotationRequested())
                .when(new AcknowledgeJobGaveUp(DB, NEXT_JOB, ROTATE, ERROR))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CredentialRotationFailed(DB, ORG, PROJECT, NEXT_JOB, ERROR));
    }

    @Test
    void afterAFailedRotationTheDatabaseCanRotateAgain() {
        fixture.given(requested(), ready(), rotationRequested(), new CredentialRotationFailed(DB, ORG, PROJECT, NEXT_JOB, ERROR))
                .when(new RotateCredentials(DB, ORG, "job_again", MAX_ATTEMPTS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CredentialRotationRequested(DB, ORG, PROJECT, "postgres", "job_again", MAX_ATTEMPTS));
    }

    @Test
    void aRotationThatGaveUpAcknowledgedTwiceIsRecordedOnce() {
        fixture.given(requested(), ready(), rotationRequested(), new CredentialRotationFailed(DB, ORG, PROJECT, NEXT_JOB, ERROR))
                .when(new AcknowledgeJobGaveUp(DB, NEXT_JOB, ROTATE, ERROR))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anAcknowledgementOfAnotherJobChangesNothing() {
        fixture.given(requested(), ready(), rotationRequested())
                .when(new AcknowledgeJobSucceeded(DB, "job_unrelated", ROTATE, ROTATED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
