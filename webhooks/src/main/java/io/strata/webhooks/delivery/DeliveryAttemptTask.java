package io.strata.webhooks.delivery;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * One webhook attempt as a durable db-scheduler execution: survives restarts, runs on whichever
 * replica picks it. When the endpoint already has its share of attempts in flight, the execution is
 * put back ~200 ms later without counting an attempt, so the thread goes to another endpoint. Picked up
 * by db-scheduler's starter like every Task bean.
 */
@Component
public class DeliveryAttemptTask extends OneTimeTask<DeliveryAttemptData> {
    public static final String NAME = "webhook-delivery-attempt";
    static final Duration BUSY_ENDPOINT_DELAY = Duration.ofMillis(200);
    /** Only for failures of our own (database, command bus), not of the receiver: those are outcomes. */
    private static final Duration INTERNAL_FAILURE_DELAY = Duration.ofSeconds(30);

    private final DeliveryAttempts attempts;
    private final EndpointConcurrency concurrency;

    public DeliveryAttemptTask(DeliveryAttempts attempts, EndpointConcurrency concurrency) {
        super(NAME, DeliveryAttemptData.class, new FailureHandler.OnFailureRetryLater<>(INTERNAL_FAILURE_DELAY),
                new DeadExecutionHandler.ReviveDeadExecution<>());
        this.attempts = attempts;
        this.concurrency = concurrency;
    }

    @Override
    public CompletionHandler<DeliveryAttemptData> execute(TaskInstance<DeliveryAttemptData> instance,
                                                          ExecutionContext context) {
        String webhookId = instance.getData().webhookId();
        if (!concurrency.tryAcquire(webhookId)) {
            return (complete, operations) -> operations.reschedule(complete, Instant.now().plus(BUSY_ENDPOINT_DELAY));
        }
        try {
            return super.execute(instance, context);
        } finally {
            concurrency.release(webhookId);
        }
    }

    @Override
    public void executeOnce(TaskInstance<DeliveryAttemptData> instance, ExecutionContext context) {
        attempts.run(instance.getData());
    }
}
