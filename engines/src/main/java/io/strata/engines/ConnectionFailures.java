package io.strata.engines;

import io.strata.contract.Failure;
import io.strata.contract.database.Engines;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * The one mapping from a failed connection to API.md's failure codes, used wherever Strata opens a
 * tenant's database: registration in command-service and the data plane in provisioner-saga both
 * reach it through {@link EngineTenant}, so they cannot disagree. PostgreSQL is read by SQLState,
 * MariaDB by its vendor codes: a code means something only on its engine.
 */
public final class ConnectionFailures {
    public static final String UNREACHABLE = "database_unreachable";
    public static final String AUTH_FAILED = "database_auth_failed";
    public static final String PERMISSION_DENIED = "database_permission_denied";
    public static final String ERROR = "database_error";

    private ConnectionFailures() {
    }

    public static String code(String engine, String sqlState, int vendorCode, Throwable error) {
        String state = sqlState == null ? "" : sqlState;
        String message = error == null || error.getMessage() == null ? "" : error.getMessage().toLowerCase();
        if (Engines.MARIADB.equals(engine)) {
            if (vendorCode == 1045) {
                return AUTH_FAILED;
            }
            if (vendorCode == 1044) {
                return PERMISSION_DENIED;
            }
        } else if (Engines.POSTGRES.equals(engine)) {
            if (state.equals("28P01") || state.equals("28000")) {
                return AUTH_FAILED;
            }
            if (state.equals("42501") || message.contains("permission denied for database")) {
                return PERMISSION_DENIED;
            }
            if (state.equals("57P03")) { // cannot_connect_now: starting up or shutting down
                return UNREACHABLE;
            }
        }
        if (state.startsWith("08") || hasNetworkCause(error)) {
            return UNREACHABLE;
        }
        return ERROR;
    }

    /**
     * A failure to connect (or to run the check), described for a person without the server's own
     * text: that may name users or hosts, or echo what was sent.
     */
    public static Failure classify(String engine, SQLException e) {
        String code = code(engine, e.getSQLState(), e.getErrorCode(), e);
        return switch (code) {
            case AUTH_FAILED -> new Failure(code, "the database refused the user name or password", false);
            case PERMISSION_DENIED -> new Failure(code, "the user may not connect to this database", false);
            case UNREACHABLE -> new Failure(code, "the database server could not be reached", true);
            default -> new Failure(code, "the database answered with an error (SQLState "
                    + (e.getSQLState() == null ? "unknown" : e.getSQLState()) + ")", retryableState(e.getSQLState()));
        };
    }

    /** Too many connections, or a transaction rolled back by the server: trying again may succeed. */
    public static boolean retryableState(String state) {
        return state != null && (state.equals("53300") || state.startsWith("40"));
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
}
