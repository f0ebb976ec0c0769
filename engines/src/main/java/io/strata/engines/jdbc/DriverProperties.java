package io.strata.engines.jdbc;

import java.time.Duration;
import java.util.Properties;

/**
 * What drivers are given: credentials, and the one place a {@link Duration} becomes a driver's
 * number. JDBC's query timeout and pgjdbc's properties count whole seconds (rounded up, so a short
 * timeout never becomes "none"), MariaDB Connector/J's properties milliseconds.
 */
public final class DriverProperties {
    private DriverProperties() {
    }

    public static Properties credentials(String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user == null ? "" : user);
        props.setProperty("password", password == null ? "" : password);
        return props;
    }

    public static String seconds(Duration d) {
        return Integer.toString(wholeSeconds(d));
    }

    public static String millis(Duration d) {
        return Long.toString(Math.max(1, d.toMillis()));
    }

    /** For {@link java.sql.Statement#setQueryTimeout(int)}: at least one second (0 would mean unlimited). */
    public static int wholeSeconds(Duration d) {
        long ms = d.toMillis();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (ms + 999) / 1000));
    }
}
