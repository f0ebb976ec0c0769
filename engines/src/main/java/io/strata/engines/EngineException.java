package io.strata.engines;

import io.strata.contract.Failure;

/**
 * A failed engine operation. Codes: {@code engine_unavailable} (retryable: the engine's admin
 * connection failed), {@code engine_error} (the engine refused an admin operation),
 * {@code not_found} (the database is not on the engine), {@code query_error} (the tenant's SQL
 * failed; message is the engine's), and on the data plane the connection failure codes of
 * {@link ConnectionFailures} ({@code database_unreachable}, {@code database_auth_failed},
 * {@code database_permission_denied}, {@code database_error}). Messages never contain a password.
 */
public class EngineException extends Exception {
    public static final String ENGINE_UNAVAILABLE = "engine_unavailable";
    public static final String ENGINE_ERROR = "engine_error";
    public static final String NOT_FOUND = "not_found";
    public static final String QUERY_ERROR = "query_error";

    private final String code;
    private final boolean retryable;

    public EngineException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public EngineException(String code, String message, boolean retryable) {
        this(code, message, retryable, null);
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    /** An exception's message, or its type when it has none. */
    public static String messageOf(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** As the contract's one failure record (a job attempt's error, a check's failure). */
    public Failure failure() {
        return new Failure(code, getMessage(), retryable);
    }

    @Override
    public String toString() {
        return "EngineException[" + code + (retryable ? ", retryable" : "") + "]: " + getMessage();
    }
}
