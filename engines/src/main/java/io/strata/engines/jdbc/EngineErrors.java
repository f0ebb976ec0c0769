package io.strata.engines.jdbc;

import io.strata.contract.Failure;
import io.strata.engines.ConnectionFailures;
import io.strata.engines.EngineException;

import java.sql.SQLException;

/**
 * Engine errors (SQLState, vendor code, cause) as {@link EngineException}s with API.md's codes,
 * and the one place messages are scrubbed of passwords.
 */
public final class EngineErrors {
    private EngineErrors() {
    }

    /** The tenant's connection could not be opened: the connection failure codes of {@link ConnectionFailures}. */
    static EngineException connecting(String engine, SQLException e) {
        Failure f = ConnectionFailures.classify(engine, e);
        return new EngineException(f.code(), f.message(), f.retryable());
    }

    /** A tenant statement failed (tables, query): the engine's message, which is what the tenant needs to fix it. */
    static EngineException statement(String engine, SQLException e, String password) {
        if (ConnectionFailures.UNREACHABLE.equals(ConnectionFailures.code(engine, e.getSQLState(), e.getErrorCode(), e))) {
            return new EngineException(ConnectionFailures.UNREACHABLE, scrub(message(e), password), true);
        }
        return new EngineException(EngineException.QUERY_ERROR, scrub(message(e), password), false);
    }

    /** An admin-side failure: the engine is down (retryable) or refused the operation. */
    static EngineException admin(String engine, String what, SQLException e) {
        String code = ConnectionFailures.code(engine, e.getSQLState(), e.getErrorCode(), e);
        if (ConnectionFailures.UNREACHABLE.equals(code)) {
            return new EngineException(EngineException.ENGINE_UNAVAILABLE, engine + " unavailable while " + what + ": "
                    + message(e), true, e);
        }
        return new EngineException(EngineException.ENGINE_ERROR, engine + " failed while " + what + ": " + message(e),
                ConnectionFailures.retryableState(e.getSQLState()), e);
    }

    public static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Removes the password from an engine message, should an engine ever echo it. */
    static String scrub(String message, String password) {
        if (message == null || password == null || password.isEmpty()) {
            return message;
        }
        return message.replace(password, "***");
    }
}
