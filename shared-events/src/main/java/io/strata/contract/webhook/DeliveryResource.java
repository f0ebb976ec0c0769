package io.strata.contract.webhook;

import java.time.Instant;
import java.util.List;

/** A delivery as the REST API returns it. */
public record DeliveryResource(String id, String eventId, String eventType, DeliveryState state, List<Attempt> attempts,
                               Instant nextAttemptAt, Instant createdAt) {

    public record Attempt(int attempt, Instant at, Integer statusCode, long durationMs, String error) {
    }
}
