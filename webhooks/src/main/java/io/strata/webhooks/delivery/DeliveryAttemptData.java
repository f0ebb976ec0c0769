package io.strata.webhooks.delivery;

import java.io.Serializable;

/**
 * What one scheduled attempt needs (db-scheduler task data). {@code firstAttempt} is where the
 * current round started (1, or the attempt a redelivery restarted at), so a redelivery gets the
 * whole retry schedule again.
 */
public record DeliveryAttemptData(String deliveryId, String webhookId, String eventId, int attempt, int firstAttempt,
                                  String body) implements Serializable {

    public String instanceId() {
        return deliveryId + "-" + attempt;
    }

    public DeliveryAttemptData next() {
        return new DeliveryAttemptData(deliveryId, webhookId, eventId, attempt + 1, firstAttempt, body);
    }

    /** Retries already used in this round. */
    public int retriesUsed() {
        return attempt - firstAttempt;
    }

    @Override
    public String toString() {
        return "DeliveryAttemptData[" + deliveryId + " #" + attempt + "]";
    }
}
