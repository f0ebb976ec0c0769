package io.strata.provisioner.provisioning;

import io.strata.contract.Failure;
import io.strata.contract.ResourceType;
import io.strata.contract.database.DatabaseEvents.CredentialRotationFailed;
import io.strata.contract.database.DatabaseEvents.CredentialRotationRequested;
import io.strata.contract.database.DatabaseEvents.CredentialsRotated;
import io.strata.contract.database.DatabaseEvents.DatabaseCreationRequested;
import io.strata.contract.database.DatabaseEvents.DatabaseDeleted;
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
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provisioning saga in isolation: a recording command gateway, scripted engine steps, the real
 * retry policy with small delays, a fixed clock and the fixture's stub deadline manager.
 */
class ProvisioningSagaTest {
    private static final String JOB = "job_1";
    private static final String DB = "db_1";
    private static final String ORG = "org_1";
    private static final String PRJ = "prj_1";
    private static final Duration BASE = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(1);
    private static final DatabaseOutcome OUTCOME = new DatabaseOutcome("127.0.0.1", 5433, "s_abc", "s_abc", 1, "fp");

    private SagaTestFixture<ProvisioningSaga> fixture;
    private final List<Object> sent = new ArrayList<>();
    private ScriptedSteps steps;
    private Instant now;

    /** What a step invocation received. */
    record Call(JobType type, String jobId, String databaseId, String engine, boolean managed) {
    }

    /** Each call pops the next scripted behaviour; the last one repeats. */
    static final class ScriptedSteps extends ProvisioningSteps {
        interface Behaviour {
            DatabaseOutcome run() throws EngineException;
        }

        final List<Call> calls = new ArrayList<>();
        private final List<Behaviour> script = new ArrayList<>();

        ScriptedSteps() {
            super(null, null);
        }

        ScriptedSteps then(Behaviour behaviour) {
            script.add(behaviour);
            return this;
        }

        ScriptedSteps failTimes(int n, EngineException e) {
            for (int i = 0; i < n; i++) {
                then(() -> {
                    throw e;
                });
            }
            return this;
        }

        @Override
        public DatabaseOutcome run(JobType type, String jobId, String databaseId, String engine, boolean managed)
                throws EngineException {
            calls.add(new Call(type, jobId, databaseId, engine, managed));
            Behaviour next = script.size() > 1 ? script.remove(0) : script.get(0);
            return next.run();
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ProvisioningSaga.class);
        now = fixture.currentTime();
        CommandGateway gateway = Mockito.mock(CommandGateway.class, invocation -> {
            String method = invocation.getMethod().getName();
            if (method.startsWith("send")) {
                sent.add(invocation.getArgument(0));
                return method.equals("send") ? CompletableFuture.completedFuture(null) : null;
            }
            return null;
        });
        steps = new ScriptedSteps();
        fixture.registerResource(gateway);
        fixture.registerResource(steps);
        fixture.registerResource(new RetryPolicy(BASE, MAX));
        fixture.registerResource(Clock.fixed(now, ZoneOffset.UTC));
    }

    private static DatabaseCreationRequested creation(int maxAttempts) {
        return new DatabaseCreationRequested(DB, ORG, PRJ, "orders", "postgres", JOB, maxAttempts);
    }

    private static StartJob startJob(JobType type, int maxAttempts) {
        return new StartJob(JOB, ORG, type, ResourceType.DATABASE, DB, maxAttempts);
    }

    private static EngineException retryable() {
        return new EngineException(EngineException.ENGINE_UNAVAILABLE, "engine down", true);
    }

    private static Failure error(EngineException e) {
        return new Failure(e.code(), e.getMessage(), e.retryable());
    }

    @Test
    void successStartsAndSucceedsTheJobWithoutADeadline() {
        steps.then(() -> OUTCOME);
        fixture.givenNoPriorActivity()
                .whenPublishingA(creation(3))
                .expectActiveSagas(1)
                .expectNoScheduledDeadlines();
        assertThat(sent).containsExactly(startJob(JobType.DATABASE_CREATE, 3), new SucceedJob(JOB, OUTCOME));
        assertThat(steps.calls).containsExactly(new Call(JobType.DATABASE_CREATE, JOB, DB, "postgres", true));
    }

    @Test
    void aTransientFailureSchedulesARetryThatSucceeds() {
        EngineException down = retryable();
        steps.failTimes(1, down).then(() -> OUTCOME);
        var result = fixture.givenNoPriorActivity().whenPublishingA(creation(3));

        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).isEqualTo(startJob(JobType.DATABASE_CREATE, 3));
        RecordJobAttemptFailed failed = (RecordJobAttemptFailed) sent.get(1);
        assertThat(failed.jobId()).isEqualTo(JOB);
        assertThat(failed.attempt()).isEqualTo(1);
        assertThat(failed.error()).isEqualTo(error(down));
        // The real policy: after attempt 1 the wait is within [base/10, base].
        assertThat(failed.nextAttemptAt()).isBetween(now.plus(BASE.dividedBy(10)), now.plus(BASE));
        result.expectScheduledDeadlineWithName(failed.nextAttemptAt(), ProvisioningSaga.RETRY)
                .expectActiveSagas(1);

        sent.clear();
        fixture.whenTimeElapses(Duration.ofSeconds(1))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1);
        assertThat(sent).containsExactly(new StartJobAttempt(JOB, 2), new SucceedJob(JOB, OUTCOME));
        assertThat(steps.calls).hasSize(2);
    }

    @Test
    void theJobGivesUpWithTheLastErrorOnceAttemptsAreExhausted() {
        steps.then(() -> {
            throw new EngineException(EngineException.ENGINE_UNAVAILABLE, "attempt " + (steps.calls.size()) + " failed", true);
        });
        fixture.givenAPublished(creation(3))
                .whenTimeElapses(Duration.ofMinutes(1))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1);

        assertThat(steps.calls).hasSize(3);
        Failure last = new Failure(EngineException.ENGINE_UNAVAILABLE, "attempt 3 failed", true);
        assertThat(sent).hasSize(7);
        assertThat(sent.get(0)).isEqualTo(startJob(JobType.DATABASE_CREATE, 3));
        assertThat(((RecordJobAttemptFailed) sent.get(1)).attempt()).isEqualTo(1);
        assertThat(((RecordJobAttemptFailed) sent.get(1)).nextAttemptAt()).isNotNull();
        assertThat(sent.get(2)).isEqualTo(new StartJobAttempt(JOB, 2));
        assertThat(((RecordJobAttemptFailed) sent.get(3)).attempt()).isEqualTo(2);
        assertThat(((RecordJobAttemptFailed) sent.get(3)).nextAttemptAt()).isNotNull();
        assertThat(sent.get(4)).isEqualTo(new StartJobAttempt(JOB, 3));
        assertThat(sent.get(5)).isEqualTo(new RecordJobAttemptFailed(JOB, 3, last, null));
        assertThat(sent.get(6)).isEqualTo(new GiveUpJob(JOB, last));

        // Nothing more happens however long one waits.
        sent.clear();
        fixture.whenTimeElapses(Duration.ofHours(1)).expectNoScheduledDeadlines();
        assertThat(sent).isEmpty();
        assertThat(steps.calls).hasSize(3);
    }

    @Test
    void aNonRetryableFailureGivesUpAtOnceAndTheRefusalFailsTheJob() {
        EngineException refused = new EngineException(EngineException.ENGINE_ERROR, "permission denied", false);
        steps.failTimes(1, refused);
        fixture.givenNoPriorActivity()
                .whenPublishingA(creation(5))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1);
        assertThat(sent).containsExactly(startJob(JobType.DATABASE_CREATE, 5),
                new RecordJobAttemptFailed(JOB, 1, error(refused), null), new GiveUpJob(JOB, error(refused)));
        assertThat(steps.calls).hasSize(1);

        sent.clear();
        fixture.whenPublishingA(new DatabaseFailed(DB, ORG, PRJ, JOB, error(refused)))
                .expectActiveSagas(0);
        assertThat(sent).containsExactly(new FailJob(JOB, error(refused)));
    }

    @Test
    void anUnexpectedExceptionIsARetryableInternalError() {
        steps.then(() -> {
            throw new IllegalStateException("boom with details");
        });
        fixture.givenNoPriorActivity().whenPublishingA(creation(2)).expectActiveSagas(1);
        RecordJobAttemptFailed failed = (RecordJobAttemptFailed) sent.get(1);
        assertThat(failed.error()).isEqualTo(new Failure("internal_error", "the provisioner failed unexpectedly", true));
        assertThat(failed.nextAttemptAt()).isNotNull();
    }

    @Test
    void theJobCompletesOnlyAfterTheDatabaseIsAcknowledgedReady() {
        steps.then(() -> OUTCOME);
        // Another job's acknowledgement does not complete this one.
        fixture.givenAPublished(creation(3))
                .whenPublishingA(new DatabaseReady("db_other", ORG, PRJ, "job_other", OUTCOME))
                .expectActiveSagas(1);
        assertThat(sent).containsExactly(startJob(JobType.DATABASE_CREATE, 3), new SucceedJob(JOB, OUTCOME));

        sent.clear();
        fixture.whenPublishingA(new DatabaseReady(DB, ORG, PRJ, JOB, OUTCOME))
                .expectActiveSagas(0);
        assertThat(sent).containsExactly(new CompleteJob(JOB));
    }

    @Test
    void aFailedDatabaseFailsTheJob() {
        EngineException refused = new EngineException(EngineException.ENGINE_ERROR, "no", false);
        steps.failTimes(1, refused);
        fixture.givenAPublished(creation(1))
                .whenPublishingA(new DatabaseFailed(DB, ORG, PRJ, JOB, error(refused)))
                .expectActiveSagas(0);
        assertThat(sent).endsWith(new FailJob(JOB, error(refused)));
        assertThat(sent).doesNotHaveAnyElementsOfTypes(CompleteJob.class);
    }

    @Test
    void aRedeliveredRequestDoesNotStartTheJobTwice() {
        steps.then(() -> OUTCOME);
        fixture.givenAPublished(creation(3))
                .whenPublishingA(creation(3))
                .expectActiveSagas(1)
                .expectNoScheduledDeadlines();
        assertThat(steps.calls).hasSize(1);
        assertThat(sent).containsExactly(startJob(JobType.DATABASE_CREATE, 3), new SucceedJob(JOB, OUTCOME));
    }

    @Test
    void deletingARegisteredDatabaseRunsTheStepUnmanagedAndCompletesOnDeleted() {
        steps.then(() -> null);
        fixture.givenAPublished(new DatabaseDeletionRequested(DB, ORG, PRJ, "mariadb", false, JOB, 3))
                .whenPublishingA(new DatabaseDeleted(DB, ORG, PRJ, JOB))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(steps.calls).containsExactly(new Call(JobType.DATABASE_DELETE, JOB, DB, "mariadb", false));
        assertThat(sent).containsExactly(startJob(JobType.DATABASE_DELETE, 3), new SucceedJob(JOB, null),
                new CompleteJob(JOB));
    }

    @Test
    void deletionRetriesATransientFailure() {
        steps.failTimes(1, retryable()).then(() -> null);
        fixture.givenAPublished(new DatabaseDeletionRequested(DB, ORG, PRJ, "postgres", true, JOB, 3))
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectNoScheduledDeadlines();
        assertThat(steps.calls).extracting(Call::managed).containsExactly(true, true);
        assertThat(sent).endsWith(new StartJobAttempt(JOB, 2), new SucceedJob(JOB, null));
    }

    @Test
    void rotationSucceedsAndCompletesOnCredentialsRotated() {
        DatabaseOutcome rotated = new DatabaseOutcome(null, 0, null, null, 2, "fp2");
        steps.then(() -> rotated);
        fixture.givenAPublished(new CredentialRotationRequested(DB, ORG, PRJ, "postgres", JOB, 3))
                .whenPublishingA(new CredentialsRotated(DB, ORG, PRJ, JOB, 2, "fp2"))
                .expectActiveSagas(0);
        assertThat(steps.calls).containsExactly(new Call(JobType.CREDENTIALS_ROTATE, JOB, DB, "postgres", true));
        assertThat(sent).containsExactly(startJob(JobType.CREDENTIALS_ROTATE, 3), new SucceedJob(JOB, rotated),
                new CompleteJob(JOB));
    }

    @Test
    void aFailedRotationFailsTheJob() {
        EngineException refused = new EngineException(EngineException.NOT_FOUND, "gone", false);
        steps.failTimes(1, refused);
        fixture.givenAPublished(new CredentialRotationRequested(DB, ORG, PRJ, "mariadb", JOB, 3))
                .whenPublishingA(new CredentialRotationFailed(DB, ORG, PRJ, JOB, error(refused)))
                .expectActiveSagas(0);
        assertThat(sent).containsExactly(startJob(JobType.CREDENTIALS_ROTATE, 3),
                new RecordJobAttemptFailed(JOB, 1, error(refused), null), new GiveUpJob(JOB, error(refused)),
                new FailJob(JOB, error(refused)));
    }
}
