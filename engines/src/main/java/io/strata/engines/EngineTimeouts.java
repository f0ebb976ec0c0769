package io.strata.engines;

import java.time.Duration;

/**
 * How long Strata waits on an engine. Each engine converts these into its driver's own units in one
 * place (pgjdbc counts seconds, MariaDB Connector/J milliseconds).
 *
 * @param connect   opening a connection, and the live check
 * @param adminRead one read on the admin connection (DDL can take a while)
 */
public record EngineTimeouts(Duration connect, Duration adminRead) {
    public static final EngineTimeouts DEFAULT = new EngineTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60));

    /** The defaults, with this connect timeout (registration configures its own). */
    public static EngineTimeouts connect(Duration connect) {
        return new EngineTimeouts(connect, DEFAULT.adminRead());
    }
}
