package io.strata.contract.database;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * The one mapping from a failed connection to API.md's failure codes, used wherever Strata opens a
 * tenant's database (registration in command-service, connection checks in provisioner-saga).
 */
public final class ConnectionFailures {
    private ConnectionFailures() {
    }

    public record Failure(String code, String message, boolean retryable) {
    }

    public static Failure classify(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int vendor = e.getErrorCode();
        if (state.equals("28P01") || state.equals("28000") || vendor == 1045) {
            return new Failure("database_auth_failed", "the database refused the user name or password", false);
        }
        if (state.equals("42501") || vendor == 1044) {
            return new Failure("database_permission_denied", "the user may not connect to this database", false);
        }
        if (state.equals("3D000") || vendor == 1049) {
            return new Failure("database_error", "the database does not exist on that server", false);
        }
        if (state.startsWith("08") || causedByNetwork(e)) {
            return new Failure("database_unreachable", "the database server could not be reached", true);
        }
        if (state.equals("57P03")) {
            return new Failure("database_unreachable", "the database server is starting up or shutting down", true);
        }
        return new Failure("database_error", "the database answered with an error (SQLState " + (state.isEmpty() ? "unknown" : state) + ")", false);
    }

    private static boolean causedByNetwork(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof SocketTimeoutException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }
}
