package io.strata.webhooks.http;

import java.time.Duration;
import java.time.Instant;

/**
 * What one HTTP attempt did. {@code statusCode} is null when no response came; {@code error} says
 * why it was not a success (never a secret); {@code retryAfter} is the receiver's Retry-After, if any.
 */
public record HttpAttempt(Instant at, Integer statusCode, long durationMs, String error, Duration retryAfter) {

    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
