package io.strata.engines;

/** A tenant database and the tenant's own credentials. {@link #toString()} never prints the password. */
public record ConnectionTarget(String engine, String host, int port, String databaseName, String user, String password) {
    @Override
    public String toString() {
        return "ConnectionTarget[engine=" + engine + ", host=" + host + ", port=" + port + ", databaseName="
                + databaseName + ", user=" + user + ", password=" + (password == null ? "null" : "***") + "]";
    }
}
