package io.strata.contract.job;

/** A machine-readable reason a job attempt or a job failed. {@code retryable}: trying again may succeed. */
public record JobError(String code, String message, boolean retryable) {
}
