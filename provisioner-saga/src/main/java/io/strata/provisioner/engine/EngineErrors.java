package io.strata.provisioner.engine;

import io.strata.contract.database.ConnectionFailures;

import java.sql.SQLException;

/**
 * The one mapping from engine errors (SQLState, vendor code, cause) to the data-plane failure codes
 * of API.md, and the one place messages are scrubbed of passwords.
 */
final class EngineErrors {
    static final String UNREACHABLE = ConnectionFailures.UNREACHABLE;
    static final String AUTH_FAILED = ConnectionFailures.AUTH_FAILED;
    static final String PERMISSION_DENIED = ConnectionFailures.PERMISSION_DENIED;
    static final String ERROR = ConnectionFailures.ERROR;

    private EngineErrors() {
    }

    /** Classifies a failure to connect (or to run the check) with the tenant's credentials. */
    static ConnectionCheck.Failure classify(String engine, SQLException e, String password) {
        String code = code(engine, e.getSQLState(), e.getErrorCode(), e);
        boolean retryable = UNREACHABLE.equals(code) || isRetryableState(e.getSQLState());
        return new ConnectionCheck.Failure(code, scrub(message(e), password), retryable);
    }

    /** See {@link ConnectionFailures}: the same mapping serves registration in command-service. */
    static String code(String engine, String sqlState, int vendorCode, Throwable error) {
        return ConnectionFailures.code(engine, sqlState, vendorCode, error);
    }

    private static boolean isRetryableState(String state) {
        return state != null && (state.equals("53300") || state.startsWith("40")); // too many connections; tx rollback
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Removes the password from an engine message, should an engine ever echo it. */
    static String scrub(String message, String password) {
        if (message == null) {
            return null;
        }
        if (password != null && password.length() >= 1 && message.contains(password)) {
            return message.replace(password, "***");
        }
        return message;
    }

    /** A tenant-side failure of the data plane (tables, query) as an exception. */
    static EngineException dataPlane(String engine, SQLException e, String password, boolean connecting) {
        if (connecting) {
            ConnectionCheck.Failure f = classify(engine, e, password);
            return new EngineException(f.code(), f.message(), f.retryable(), null);
        }
        String code = code(engine, e.getSQLState(), e.getErrorCode(), e);
        if (UNREACHABLE.equals(code)) {
            return new EngineException(UNREACHABLE, scrub(message(e), password), true, null);
        }
        return new EngineException(EngineException.QUERY_ERROR, scrub(message(e), password), false, null);
    }

    /** An admin-side failure: the engine is down (retryable) or refused the operation. */
    static EngineException admin(String engine, String what, SQLException e) {
        String code = code(engine, e.getSQLState(), e.getErrorCode(), e);
        if (UNREACHABLE.equals(code)) {
            return new EngineException(EngineException.ENGINE_UNAVAILABLE, engine + " unavailable while " + what + ": "
                    + message(e), true, e);
        }
        return new EngineException(EngineException.ENGINE_ERROR, engine + " failed while " + what + ": " + message(e),
                isRetryableState(e.getSQLState()), e);
    }
}
