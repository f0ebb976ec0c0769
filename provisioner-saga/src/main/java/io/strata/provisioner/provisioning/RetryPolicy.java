package io.strata.provisioner.provisioning;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter: attempt n waits a random time in [0, min(max, base * 2^(n-1))]. */
@Component
public class RetryPolicy {
    private final Duration base;
    private final Duration max;

    public RetryPolicy(@Value("${strata.jobs.retry-base-delay:1s}") Duration base,
                       @Value("${strata.jobs.retry-max-delay:60s}") Duration max) {
        this.base = base;
        this.max = max;
    }

    public Duration delayAfter(int failedAttempt) {
        long ceiling = Math.min(max.toMillis(), base.toMillis() << Math.min(failedAttempt - 1, 20));
        // At least a tenth of the ceiling, so retries never hammer a struggling engine back to back.
        long floor = ceiling / 10;
        return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(Math.max(1, ceiling - floor + 1)));
    }
}
