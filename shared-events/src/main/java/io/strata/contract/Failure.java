package io.strata.contract;

/**
 * The one machine-readable failure of the contract: why a job attempt, a job, a connection check or
 * a registration failed. {@code code} is an API.md error code; {@code message} is written for a person
 * and never carries a secret or the server's own text; {@code retryable}: trying again may succeed.
 */
public record Failure(String code, String message, boolean retryable) {
}
