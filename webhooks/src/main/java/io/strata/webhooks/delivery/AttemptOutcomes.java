package io.strata.webhooks.delivery;

import io.strata.webhooks.http.HttpAttempt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Turns an HTTP attempt into the delivery's outcome (API.md, "Webhooks on the wire"): 2xx is
 * delivered; 410 is gone (never retried); 429/503 retry after the receiver's Retry-After (at most
 * 24 h) when it sent one; everything else (3xx included: redirects are not followed, timeouts,
 * connection errors, other statuses) retries on the schedule with ±20 % jitter, so many deliveries
 * failing together do not come back together. After the schedule's last delay, the delivery fails.
 */
public final class AttemptOutcomes {
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    public record Decision(String outcome, Instant nextAttemptAt) {
    }

    private final List<Duration> schedule;
    private final DoubleSupplier random;

    public AttemptOutcomes(List<Duration> schedule, DoubleSupplier random) {
        this.schedule = List.copyOf(schedule);
        this.random = random;
    }

    public Decision decide(HttpAttempt attempt, int retriesUsed, Instant now) {
        if (attempt.succeeded()) {
            return new Decision("delivered", null);
        }
        Integer status = attempt.statusCode();
        if (status != null && status == 410) {
            return new Decision("gone", null);
        }
        if (retriesUsed >= schedule.size()) {
            return new Decision("failed", null);
        }
        if (status != null && (status == 429 || status == 503) && attempt.retryAfter() != null) {
            Duration wait = attempt.retryAfter().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : attempt.retryAfter();
            return new Decision("retry", now.plus(wait.isNegative() ? Duration.ZERO : wait));
        }
        return new Decision("retry", now.plus(jittered(schedule.get(retriesUsed))));
    }

    private Duration jittered(Duration delay) {
        double factor = 0.8 + 0.4 * random.getAsDouble();
        return Duration.ofMillis(Math.round(delay.toMillis() * factor));
    }
}
