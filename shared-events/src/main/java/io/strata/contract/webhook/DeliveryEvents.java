package io.strata.contract.webhook;

import java.time.Instant;

/** Events of the WebhookDelivery aggregate: every attempt is recorded (API.md, deliveries). */
public final class DeliveryEvents {
    private DeliveryEvents() {
    }

    public record DeliveryScheduled(String deliveryId, String webhookId, String organizationId, String eventId,
                                    String eventType, String body) {
        @Override
        public String toString() {
            return "DeliveryScheduled[" + deliveryId + ", " + eventType + "]";
        }
    }

    public record DeliveryAttempted(String deliveryId, String webhookId, String organizationId, int attempt,
                                    Instant at, Integer statusCode, long durationMs, String error,
                                    Instant nextAttemptAt) {
    }

    public record DeliverySucceeded(String deliveryId, String webhookId, String organizationId) {
    }

    public record DeliveryFailed(String deliveryId, String webhookId, String organizationId, String reason) {
    }

    /** The endpoint answered 410 Gone: command-service disables it. */
    public record DeliveryEndpointGone(String deliveryId, String webhookId, String organizationId) {
    }

    public record DeliveryRestarted(String deliveryId, String webhookId, String organizationId, int nextAttempt) {
    }
}
