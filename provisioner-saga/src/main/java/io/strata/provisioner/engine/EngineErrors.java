package io.strata.provisioner.engine;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * The one mapping from engine errors (SQLState, vendor code, cause) to the data-plane failure codes
 * of API.md, and the one place messages are scrubbed of passwords.
 */
final class EngineErrors {
    static final String UNREACHABLE = "database_unreachable";
    static final String AUTH_FAILED = "database_auth_failed";
    static final String PERMISSION_DENIED = "database_permission_denied";
    static final String ERROR = "database_error";

    private EngineErrors() {
    }

    /** Classifies a failure to connect (or to run the check) with the tenant's credentials. */
    static ConnectionCheck.Failure classify(String engine, SQLException e, String password) {
        String code = code(engine, e.getSQLState(), e.getErrorCode(), e);
        boolean retryable = UNREACHABLE.equals(code) || isRetryableState(e.getSQLState());
        return new ConnectionCheck.Failure(code, scrub(message(e), password), retryable);
    }

    static String code(String engine, String sqlState, int vendorCode, Throwable error) {
        String state = sqlState == null ? "" : sqlState;
        String message = error == null || error.getMessage() == null ? "" : error.getMessage().toLowerCase();
        if ("mariadb".equals(engine)) {
            if (vendorCode == 1045) {
                return AUTH_FAILED;
            }
            if (vendorCode == 1044) {
                return PERMISSION_DENIED;
            }
        } else if ("postgres".equals(engine)) {
            if (state.equals("28P01") || state.equals("28000")) {
                return AUTH_FAILED;
            }
            if (state.equals("42501") || message.contains("permission denied for database")) {
                return PERMISSION_DENIED;
            }
            if (state.equals("57P03")) { // cannot_connect_now: starting up / shutting down
                return UNREACHABLE;
            }
        }
        if (state.startsWith("08") || hasNetworkCause(error)) {
            return UNREACHABLE;
        }
        return ERROR;
    }

    private static boolean isRetryableState(String state) {
        return state != null && (state.equals("53300") || state.startsWith("40")); // too many connections; tx rollback
    }

    private static boolean hasNetworkCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
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
