package io.strata.engines;

import io.strata.contract.Failure;

import java.time.Instant;

/** Result of a live connection check; {@code failure} is null when {@code ok}. */
public record ConnectionCheck(boolean ok, Instant checkedAt, long latencyMs, Failure failure) {
}
