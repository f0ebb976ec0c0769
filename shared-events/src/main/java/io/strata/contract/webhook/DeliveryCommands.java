package io.strata.contract.webhook;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Commands of the WebhookDelivery aggregate (provisioner-saga). */
public final class DeliveryCommands {
    private DeliveryCommands() {
    }

    /**
     * @param eventId the {@code webhook-id} header: the same on every attempt and redelivery
     * @param body    the exact JSON body sent (signed as is)
     */
    public record ScheduleDelivery(@TargetAggregateIdentifier String deliveryId, String webhookId,
                                   String organizationId, String eventId, String eventType, String body) {
    }

    /** @param outcome delivered, retry (then nextAttemptAt), failed, or gone (410) */
    public record RecordDeliveryAttempt(@TargetAggregateIdentifier String deliveryId, int attempt, Instant at,
                                        Integer statusCode, long durationMs, String error, DeliveryOutcome outcome,
                                        Instant nextAttemptAt) {
    }

    public record RestartDelivery(@TargetAggregateIdentifier String deliveryId) {
    }
}
