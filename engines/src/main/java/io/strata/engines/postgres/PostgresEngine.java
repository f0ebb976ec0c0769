package io.strata.engines.postgres;

import io.strata.contract.database.Engines;
import io.strata.engines.Engine;
import io.strata.engines.EngineTimeouts;
import io.strata.engines.ServerSettings;
import io.strata.engines.jdbc.DriverProperties;

import java.time.Duration;
import java.util.Properties;

/** PostgreSQL: per Strata database a LOGIN role and a database it owns. */
public final class PostgresEngine {
    static final int DEFAULT_PORT = 5432;

    private PostgresEngine() {
    }

    public static Engine create(ServerSettings server, EngineTimeouts timeouts) {
        return new Engine(Engines.POSTGRES, new PostgresAdmin(server, timeouts), new PostgresTenant(timeouts));
    }

    /** pgjdbc's timeouts, which it counts in seconds. */
    static void timeouts(Properties props, Duration connect, Duration read) {
        props.setProperty("connectTimeout", DriverProperties.seconds(connect));
        props.setProperty("loginTimeout", DriverProperties.seconds(connect));
        props.setProperty("socketTimeout", DriverProperties.seconds(read));
    }
}
