package io.strata.engines.mariadb;

import io.strata.contract.database.Engines;
import io.strata.engines.Engine;
import io.strata.engines.EngineTimeouts;
import io.strata.engines.ServerSettings;
import io.strata.engines.jdbc.DriverProperties;

import java.time.Duration;
import java.util.Properties;

/** MariaDB: per Strata database a schema and a user granted ALL on that schema only. */
public final class MariaDbEngine {
    static final int DEFAULT_PORT = 3306;

    private MariaDbEngine() {
    }

    public static Engine create(ServerSettings server, EngineTimeouts timeouts) {
        return new Engine(Engines.MARIADB, new MariaDbAdmin(server, timeouts), new MariaDbTenant(timeouts));
    }

    /** MariaDB Connector/J's timeouts, which it counts in milliseconds. */
    static void timeouts(Properties props, Duration connect, Duration read) {
        props.setProperty("connectTimeout", DriverProperties.millis(connect));
        props.setProperty("socketTimeout", DriverProperties.millis(read));
    }
}
