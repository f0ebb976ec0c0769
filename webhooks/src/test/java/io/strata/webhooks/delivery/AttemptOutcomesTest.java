package io.strata.webhooks.delivery;

import io.strata.webhooks.http.HttpAttempt;
import io.strata.webhooks.http.RetryAfter;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptOutcomesTest {
    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");
    private static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5));

    private static HttpAttempt status(int code, Duration retryAfter) {
        return new HttpAttempt(NOW, code, 10, code < 300 ? null : "HTTP " + code, retryAfter);
    }

    private static AttemptOutcomes.Decision decide(double random, HttpAttempt attempt, int retriesUsed) {
        return new AttemptOutcomes(SCHEDULE, () -> random).decide(attempt, retriesUsed, NOW);
    }

    @Test
    void twoHundredsAreDelivered() {
        assertThat(decide(0.5, status(204, null), 0)).isEqualTo(new AttemptOutcomes.Decision("delivered", null));
    }

    @Test
    void goneIsNeverRetried() {
        assertThat(decide(0.5, status(410, null), 0)).isEqualTo(new AttemptOutcomes.Decision("gone", null));
    }

    @Test
    void failuresRetryOnTheScheduleWithTwentyPercentJitter() {
        assertThat(decide(0.0, status(500, null), 0).nextAttemptAt()).isEqualTo(NOW.plusSeconds(4));
        assertThat(decide(1.0, status(500, null), 0).nextAttemptAt()).isEqualTo(NOW.plusSeconds(6));
        assertThat(decide(0.5, status(302, null), 1)).isEqualTo(new AttemptOutcomes.Decision("retry", NOW.plus(Duration.ofMinutes(5))));
        assertThat(decide(0.5, new HttpAttempt(NOW, null, 10, "timed out", null), 0).outcome()).isEqualTo("retry");
    }

    @Test
    void retryAfterIsHonouredForTooManyRequestsAndUnavailableCappedAtADay() {
        assertThat(decide(0.0, status(429, Duration.ofSeconds(7)), 0).nextAttemptAt()).isEqualTo(NOW.plusSeconds(7));
        assertThat(decide(0.0, status(503, Duration.ofHours(48)), 0).nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(decide(0.5, status(429, null), 0).nextAttemptAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(decide(0.5, status(500, Duration.ofSeconds(7)), 0).nextAttemptAt()).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void afterTheLastDelayTheDeliveryFails() {
        assertThat(decide(0.5, status(500, null), 2)).isEqualTo(new AttemptOutcomes.Decision("failed", null));
        assertThat(decide(0.5, status(429, Duration.ofSeconds(1)), 2).outcome()).isEqualTo("failed");
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertThat(RetryAfter.parse("7", NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Wed, 01 Jan 2025 10:01:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(1));
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("-3", NOW)).isNull();
    }
}
