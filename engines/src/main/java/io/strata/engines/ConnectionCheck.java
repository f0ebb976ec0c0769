package io.strata.engines;

import io.strata.contract.Failure;

import java.time.Instant;

/** Result of a live connection check; {@code failure} is null when {@code ok}. */
public record ConnectionCheck(boolean ok, Instant checkedAt, long latencyMs, Failure failure) {
    public static ConnectionCheck ok(Instant checkedAt, long latencyMs) {
        return new ConnectionCheck(true, checkedAt, latencyMs, null);
    }

    public static ConnectionCheck failed(Instant checkedAt, long latencyMs, Failure failure) {
        return new ConnectionCheck(false, checkedAt, latencyMs, failure);
    }
}
