package io.strata.webhooks.delivery;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.strata.contract.webhook.DeliveryCommands.RecordDeliveryAttempt;
import io.strata.contract.webhook.DeliveryCommands.RestartDelivery;
import io.strata.contract.webhook.DeliveryCommands.ScheduleDelivery;
import io.strata.contract.webhook.DeliveryOutcome;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Records a delivery's state and schedules its next attempt in ONE transaction (db-scheduler's
 * DataSource is transaction-aware): a crash can never leave a pending delivery without an attempt,
 * nor schedule an attempt for a state that was not recorded. Attempts are scheduled only when the
 * command changed something, so a repeated command schedules nothing twice.
 */
@Component
public class DeliveryScheduling {
    private static final Logger log = LoggerFactory.getLogger(DeliveryScheduling.class);

    private final CommandGateway commands;
    // Lazy: the scheduler depends on the task beans, which depend on this.
    private final ObjectProvider<SchedulerClient> scheduler;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final JdbcTemplate jdbc;

    public DeliveryScheduling(CommandGateway commands, ObjectProvider<SchedulerClient> scheduler, TransactionTemplate tx,
                              Clock clock, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.scheduler = scheduler;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Called by the fan-out, inside the tracking processor's transaction (joined). The delivery is noted
     * in wh_deliveries whether or not this call created it: a fan-out replayed from the beginning notes
     * the deliveries that existed before the table did.
     */
    public void schedule(ScheduleDelivery command) {
        tx.executeWithoutResult(status -> {
            Boolean created = commands.sendAndWait(command);
            jdbc.update("insert into wh_deliveries (id, webhook_id) values (?, ?) on conflict (id) do nothing",
                    command.deliveryId(), command.webhookId());
            if (Boolean.TRUE.equals(created)) {
                attemptAt(new DeliveryAttemptData(command.deliveryId(), command.webhookId(), command.eventId(), 1, 1,
                        command.body()), clock.instant());
            }
        });
    }

    /** Records an attempt; when the outcome is a retry, schedules the next attempt at its time. */
    public void record(DeliveryAttemptData attempt, RecordDeliveryAttempt command) {
        tx.executeWithoutResult(status -> {
            Boolean recorded = commands.sendAndWait(command);
            if (Boolean.TRUE.equals(recorded) && command.outcome() == DeliveryOutcome.RETRY) {
                attemptAt(attempt.next(), command.nextAttemptAt());
            }
        });
    }

    /**
     * A redelivery request: restart the delivery (if finished and not restarted since the request) and
     * attempt it now, with the same webhook-id.
     */
    public void restart(String webhookId, String deliveryId, Instant requestedAt) {
        // Checked first, not caught after: a failed command would mark the processor's (joined)
        // transaction rollback-only, and the request would then be retried forever.
        if (!exists(deliveryId)) {
            log.info("redelivery of unknown delivery {} (webhook {}) ignored", deliveryId, webhookId);
            return;
        }
        tx.executeWithoutResult(status -> {
            WebhookDelivery.Restarted restarted = commands.sendAndWait(GenericCommandMessage
                    .asCommandMessage(new RestartDelivery(deliveryId))
                    .andMetaData(Map.of(WebhookDelivery.EXPECTED_WEBHOOK, webhookId,
                            WebhookDelivery.REQUESTED_AT, requestedAt.toString())));
            if (restarted != null) {
                attemptAt(new DeliveryAttemptData(deliveryId, restarted.webhookId(), restarted.eventId(),
                        restarted.nextAttempt(), restarted.nextAttempt(), restarted.body()), clock.instant());
            }
        });
    }

    private boolean exists(String deliveryId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from wh_deliveries where id = ?)",
                Boolean.class, deliveryId));
    }

    private void attemptAt(DeliveryAttemptData data, Instant at) {
        SchedulerClient client = scheduler.getObject();
        client.scheduleIfNotExists(new TaskInstance<>(DeliveryAttemptTask.NAME, data.instanceId(), data), at);
        if (!at.isAfter(clock.instant()) && client instanceof Scheduler local
                && TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.getSynchronizations().stream()
                        .noneMatch(WakeSchedulerAfterCommit.class::isInstance)) {
            // db-scheduler's immediate execution looks for due work as soon as the row is inserted, which is
            // before this transaction commits, so it finds nothing and the attempt waited for the next poll
            // (up to the polling interval). Look again once the rows are visible: once per transaction,
            // however many attempts it scheduled.
            TransactionSynchronizationManager.registerSynchronization(new WakeSchedulerAfterCommit(local));
        }
    }

    private record WakeSchedulerAfterCommit(Scheduler scheduler) implements TransactionSynchronization {
        @Override
        public void afterCommit() {
            scheduler.triggerCheckForDueExecutions();
        }
    }
}
