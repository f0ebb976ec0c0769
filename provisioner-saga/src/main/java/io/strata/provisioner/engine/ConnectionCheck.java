package io.strata.provisioner.engine;

import java.time.Instant;

/** Result of a live connection check; {@code failure} is null when {@code ok}. */
public record ConnectionCheck(boolean ok, Instant checkedAt, long latencyMs, Failure failure) {
    /**
     * @param code {@code database_unreachable} {@code database_auth_failed} {@code database_permission_denied}
     *             {@code database_error}
     */
    public record Failure(String code, String message, boolean retryable) {
    }

    static ConnectionCheck ok(Instant checkedAt, long latencyMs) {
        return new ConnectionCheck(true, checkedAt, latencyMs, null);
    }

    static ConnectionCheck failed(Instant checkedAt, long latencyMs, Failure failure) {
        return new ConnectionCheck(false, checkedAt, latencyMs, failure);
    }
}
