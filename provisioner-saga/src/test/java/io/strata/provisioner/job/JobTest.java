package io.strata.provisioner.job;

import io.strata.contract.Failure;
import io.strata.contract.ResourceType;
import io.strata.contract.job.DatabaseOutcome;
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
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

/**
 * The Job state machine: queued → running (attempts, each may fail and be retried) → succeeded or gave
 * up → completed or failed, the last step only once the resource acknowledged the outcome. The saga
 * may send any step twice (after a crash, or when a claim was stolen), so a command that would not
 * change the state emits nothing and never fails: the saga's retries depend on that.
 */
class JobTest {
    private static final String JOB = "job_1";
    private static final String ORG = "org_1";
    private static final String DB = "db_1";
    private static final JobType TYPE = JobType.DATABASE_CREATE;
    private static final ResourceType RESOURCE_TYPE = ResourceType.DATABASE;
    private static final int MAX_ATTEMPTS = 3;
    private static final Instant NEXT_ATTEMPT = Instant.parse("2030-01-01T00:00:05Z");
    private static final Failure TRANSIENT = new Failure("engine_unavailable", "the engine did not answer", true);
    private static final Failure FINAL = new Failure("engine_unavailable", "the engine did not answer after 3 attempts", false);
    private static final DatabaseOutcome OUTCOME = new DatabaseOutcome("pg.internal", 5432, "strata_db_1", "u_db_1", 1, "fp-1");

    private AggregateTestFixture<Job> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Job.class);
    }

    private static StartJob start() {
        return new StartJob(JOB, ORG, TYPE, RESOURCE_TYPE, DB, MAX_ATTEMPTS);
    }

    private static JobStarted started() {
        return new JobStarted(JOB, ORG, TYPE, RESOURCE_TYPE, DB, MAX_ATTEMPTS);
    }

    private static JobAttemptFailed firstAttemptFailed() {
        return new JobAttemptFailed(JOB, ORG, 1, TRANSIENT, NEXT_ATTEMPT);
    }

    private static JobSucceeded succeeded() {
        return new JobSucceeded(JOB, ORG, TYPE, DB, OUTCOME);
    }

    private static JobGaveUp gaveUp() {
        return new JobGaveUp(JOB, ORG, TYPE, DB, FINAL);
    }

    private static JobCompleted completed() {
        return new JobCompleted(JOB, ORG, TYPE, DB);
    }

    private static JobFailed failed() {
        return new JobFailed(JOB, ORG, TYPE, DB, FINAL);
    }

    // --- start

    @Test
    void startCreatesTheJobRunningItsFirstAttempt() {
        fixture.givenNoPriorActivity()
                .when(start())
                .expectSuccessfulHandlerExecution()
                .expectEvents(started());
    }

    @Test
    void startingAStartedJobAgainEmitsNothing() {
        fixture.given(started())
                .when(start())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void startingAFinishedJobAgainEmitsNothing() {
        fixture.given(started(), succeeded(), completed())
                .when(start())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // --- attempts

    @Test
    void aFailedAttemptIsRecordedWithWhenTheNextOneRuns() {
        fixture.given(started())
                .when(new RecordJobAttemptFailed(JOB, 1, TRANSIENT, NEXT_ATTEMPT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(firstAttemptFailed());
    }

    @Test
    void theNextAttemptStarts() {
        fixture.given(started(), firstAttemptFailed())
                .when(new StartJobAttempt(JOB, 2))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new JobAttemptStarted(JOB, ORG, 2));
    }

    @Test
    void anAttemptThatAlreadyStartedDoesNotStartAgain() {
        fixture.given(started(), firstAttemptFailed(), new JobAttemptStarted(JOB, ORG, 2))
                .when(new StartJobAttempt(JOB, 2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anEarlierAttemptDoesNotStartAgain() {
        fixture.given(started(), firstAttemptFailed(), new JobAttemptStarted(JOB, ORG, 2))
                .when(new StartJobAttempt(JOB, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theFirstAttemptIsRunningOnceTheJobStarted() {
        fixture.given(started())
                .when(new StartJobAttempt(JOB, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aFailureOfTheCurrentAttemptIsRecordedOnItsNumber() {
        fixture.given(started(), firstAttemptFailed(), new JobAttemptStarted(JOB, ORG, 2))
                .when(new RecordJobAttemptFailed(JOB, 2, TRANSIENT, NEXT_ATTEMPT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new JobAttemptFailed(JOB, ORG, 2, TRANSIENT, NEXT_ATTEMPT));
    }

    @Test
    void aFailureOfAnEarlierAttemptIsIgnored() {
        fixture.given(started(), firstAttemptFailed(), new JobAttemptStarted(JOB, ORG, 2))
                .when(new RecordJobAttemptFailed(JOB, 1, TRANSIENT, NEXT_ATTEMPT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void noAttemptStartsOnceTheJobSucceeded() {
        fixture.given(started(), succeeded())
                .when(new StartJobAttempt(JOB, 2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void noAttemptFailureIsRecordedOnceTheJobGaveUp() {
        fixture.given(started(), gaveUp())
                .when(new RecordJobAttemptFailed(JOB, 1, TRANSIENT, NEXT_ATTEMPT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // --- outcome of the work

    @Test
    void aRunningJobSucceedsWithItsOutcome() {
        fixture.given(started())
                .when(new SucceedJob(JOB, OUTCOME))
                .expectSuccessfulHandlerExecution()
                .expectEvents(succeeded());
    }

    @Test
    void aJobSucceedsAfterARetriedAttempt() {
        fixture.given(started(), firstAttemptFailed(), new JobAttemptStarted(JOB, ORG, 2))
                .when(new SucceedJob(JOB, OUTCOME))
                .expectSuccessfulHandlerExecution()
                .expectEvents(succeeded());
    }

    @Test
    void succeedingTwiceIsRecordedOnce() {
        fixture.given(started(), succeeded())
                .when(new SucceedJob(JOB, OUTCOME))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aJobThatGaveUpCannotSucceed() {
        fixture.given(started(), gaveUp())
                .when(new SucceedJob(JOB, OUTCOME))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRunningJobGivesUpWithItsLastError() {
        fixture.given(started(), firstAttemptFailed(), new JobAttemptStarted(JOB, ORG, 2))
                .when(new GiveUpJob(JOB, FINAL))
                .expectSuccessfulHandlerExecution()
                .expectEvents(gaveUp());
    }

    @Test
    void givingUpTwiceIsRecordedOnce() {
        fixture.given(started(), gaveUp())
                .when(new GiveUpJob(JOB, FINAL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aJobThatSucceededCannotGiveUp() {
        fixture.given(started(), succeeded())
                .when(new GiveUpJob(JOB, FINAL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // --- completion, only after the resource acknowledged the outcome

    @Test
    void aSucceededJobCompletes() {
        fixture.given(started(), succeeded())
                .when(new CompleteJob(JOB))
                .expectSuccessfulHandlerExecution()
                .expectEvents(completed());
    }

    @Test
    void aRunningJobDoesNotCompleteBeforeItSucceeded() {
        fixture.given(started())
                .when(new CompleteJob(JOB))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aJobThatGaveUpDoesNotComplete() {
        fixture.given(started(), gaveUp())
                .when(new CompleteJob(JOB))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void completingTwiceIsRecordedOnce() {
        fixture.given(started(), succeeded(), completed())
                .when(new CompleteJob(JOB))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aJobThatGaveUpFails() {
        fixture.given(started(), gaveUp())
                .when(new FailJob(JOB, FINAL))
                .expectSuccessfulHandlerExecution()
                .expectEvents(failed());
    }

    @Test
    void aSucceededJobFailsWhenTheResourceRefusedItsOutcome() {
        fixture.given(started(), succeeded())
                .when(new FailJob(JOB, FINAL))
                .expectSuccessfulHandlerExecution()
                .expectEvents(failed());
    }

    @Test
    void aRunningJobCanFailOutright() {
        fixture.given(started())
                .when(new FailJob(JOB, FINAL))
                .expectSuccessfulHandlerExecution()
                .expectEvents(failed());
    }

    @Test
    void failingTwiceIsRecordedOnce() {
        fixture.given(started(), gaveUp(), failed())
                .when(new FailJob(JOB, FINAL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aCompletedJobDoesNotFail() {
        fixture.given(started(), succeeded(), completed())
                .when(new FailJob(JOB, FINAL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aFailedJobDoesNotComplete() {
        fixture.given(started(), gaveUp(), failed())
                .when(new CompleteJob(JOB))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aCompletedJobIgnoresALateSuccess() {
        fixture.given(started(), succeeded(), completed())
                .when(new SucceedJob(JOB, OUTCOME))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aFailedJobIgnoresALateGiveUp() {
        fixture.given(started(), gaveUp(), failed())
                .when(new GiveUpJob(JOB, FINAL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
