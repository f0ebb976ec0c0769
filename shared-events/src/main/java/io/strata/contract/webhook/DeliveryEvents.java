package io.strata.contract.webhook;

import io.strata.contract.EventType;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Events of the WebhookDelivery aggregate: every attempt is recorded (API.md, deliveries). */
public final class DeliveryEvents {
    private DeliveryEvents() {
    }

    @EventType("DeliveryScheduled")
    @Revision("1")
    public record DeliveryScheduled(String deliveryId, String webhookId, String organizationId, String eventId,
                                    String eventType, String body) implements DeliveryEvent {
        @Override
        public String toString() {
            return "DeliveryScheduled[" + deliveryId + ", " + eventType + "]";
        }
    }

    @EventType("DeliveryAttempted")
    @Revision("1")
    public record DeliveryAttempted(String deliveryId, String webhookId, String organizationId, int attempt,
                                    Instant at, Integer statusCode, long durationMs, String error,
                                    Instant nextAttemptAt) implements DeliveryEvent {
    }

    @EventType("DeliverySucceeded")
    @Revision("1")
    public record DeliverySucceeded(String deliveryId, String webhookId, String organizationId)
            implements DeliveryEvent {
    }

    @EventType("DeliveryFailed")
    @Revision("1")
    public record DeliveryFailed(String deliveryId, String webhookId, String organizationId, String reason)
            implements DeliveryEvent {
    }

    /** The endpoint answered 410 Gone: command-service disables it. */
    @EventType("DeliveryEndpointGone")
    @Revision("1")
    public record DeliveryEndpointGone(String deliveryId, String webhookId, String organizationId)
            implements DeliveryEvent {
    }

    @EventType("DeliveryRestarted")
    @Revision("1")
    public record DeliveryRestarted(String deliveryId, String webhookId, String organizationId, int nextAttempt)
            implements DeliveryEvent {
    }
}
