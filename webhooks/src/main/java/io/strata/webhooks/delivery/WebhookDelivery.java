package io.strata.webhooks.delivery;

import io.strata.contract.webhook.DeliveryCommands.RecordDeliveryAttempt;
import io.strata.contract.webhook.DeliveryCommands.RestartDelivery;
import io.strata.contract.webhook.DeliveryCommands.ScheduleDelivery;
import io.strata.contract.webhook.DeliveryEvents.DeliveryAttempted;
import io.strata.contract.webhook.DeliveryEvents.DeliveryEndpointGone;
import io.strata.contract.webhook.DeliveryEvents.DeliveryFailed;
import io.strata.contract.webhook.DeliveryEvents.DeliveryRestarted;
import io.strata.contract.webhook.DeliveryEvents.DeliveryScheduled;
import io.strata.contract.webhook.DeliveryEvents.DeliverySucceeded;
import io.strata.contract.webhook.DeliveryOutcome;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One webhook event for one endpoint: pending (attempts, each recorded) → delivered or failed; a
 * redelivery request restarts a finished delivery. Every command is idempotent, and its result
 * says whether it changed anything, so the caller schedules the next attempt only once.
 */
@Aggregate
public class WebhookDelivery {
    /** Command metadata: the webhook a redelivery was requested on; a delivery of another webhook is not restarted. */
    public static final String EXPECTED_WEBHOOK = "expectedWebhookId";
    /**
     * Command metadata, and the restart's event metadata: when the redelivery was requested (ISO-8601). A
     * request made before the last restart was served by it, so the fan-out handling it again (replayed
     * from the beginning of the store) restarts nothing.
     */
    public static final String REQUESTED_AT = "redeliveryRequestedAt";

    enum State { PENDING, DELIVERED, FAILED }

    /** What a restart needs to schedule its first attempt. */
    public record Restarted(int nextAttempt, String webhookId, String eventId, String body) {
    }

    @AggregateIdentifier
    private String id;
    private String webhookId;
    private String organizationId;
    private String eventId;
    private String body;
    private State state;
    private int attempts;
    /** When the request the last restart served was made (or, for a restart that did not record it, the restart). */
    private Instant servedRequestsUntil;

    protected WebhookDelivery() {
    }

    /** Create-or-noop: a redelivered source event schedules nothing new. Returns whether it was created. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(ScheduleDelivery command) {
        if (state != null) {
            return false;
        }
        apply(new DeliveryScheduled(command.deliveryId(), command.webhookId(), command.organizationId(),
                command.eventId(), command.eventType(), command.body()));
        return true;
    }

    /** Returns whether the attempt was recorded (false: already recorded, or the delivery is finished). */
    @CommandHandler
    public boolean handle(RecordDeliveryAttempt command) {
        if (state != State.PENDING || command.attempt() <= attempts) {
            return false;
        }
        boolean retry = command.outcome() == DeliveryOutcome.RETRY;
        apply(new DeliveryAttempted(id, webhookId, organizationId, command.attempt(), command.at(),
                command.statusCode(), command.durationMs(), command.error(), retry ? command.nextAttemptAt() : null));
        switch (command.outcome()) {
            case DELIVERED -> apply(new DeliverySucceeded(id, webhookId, organizationId));
            case FAILED -> apply(new DeliveryFailed(id, webhookId, organizationId,
                    command.error() == null ? "failed" : command.error()));
            case GONE -> {
                apply(new DeliveryEndpointGone(id, webhookId, organizationId));
                apply(new DeliveryFailed(id, webhookId, organizationId, "endpoint_gone"));
            }
            case RETRY -> {
                // stays pending; the next attempt is already scheduled by the caller
            }
        }
        return true;
    }

    /** Only a finished delivery restarts, once per request; returns null when nothing changed. */
    @CommandHandler
    public Restarted handle(RestartDelivery command, @MetaDataValue(EXPECTED_WEBHOOK) String expectedWebhookId,
                            @MetaDataValue(REQUESTED_AT) String requestedAt) {
        if (state == State.PENDING || (expectedWebhookId != null && !expectedWebhookId.equals(webhookId))) {
            return null;
        }
        if (requestedAt != null && servedRequestsUntil != null && !Instant.parse(requestedAt).isAfter(servedRequestsUntil)) {
            return null; // already served by a restart
        }
        apply(new DeliveryRestarted(id, webhookId, organizationId, attempts + 1),
                requestedAt == null ? MetaData.emptyInstance() : MetaData.with(REQUESTED_AT, requestedAt));
        return new Restarted(attempts + 1, webhookId, eventId, body);
    }

    @EventSourcingHandler
    void on(DeliveryScheduled e) {
        id = e.deliveryId();
        webhookId = e.webhookId();
        organizationId = e.organizationId();
        eventId = e.eventId();
        body = e.body();
        state = State.PENDING;
    }

    @EventSourcingHandler
    void on(DeliveryAttempted e) {
        attempts = Math.max(attempts, e.attempt());
    }

    @EventSourcingHandler
    void on(DeliverySucceeded e) {
        state = State.DELIVERED;
    }

    @EventSourcingHandler
    void on(DeliveryFailed e) {
        state = State.FAILED;
    }

    @EventSourcingHandler
    void on(DeliveryRestarted e, @MetaDataValue(REQUESTED_AT) String requestedAt, @Timestamp Instant at) {
        state = State.PENDING;
        servedRequestsUntil = requestedAt != null ? Instant.parse(requestedAt) : at;
    }
}
