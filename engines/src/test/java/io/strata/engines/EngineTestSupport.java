package io.strata.engines;

import org.assertj.core.api.ThrowableAssert;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThat;

final class EngineTestSupport {
    private EngineTestSupport() {
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Runs the call, asserts it threw an EngineException and returns it. */
    static EngineException engineFailure(ThrowableAssert.ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(EngineException.class);
        return (EngineException) t;
    }

    static QueryRequest rw(String sql, Object... params) {
        return new QueryRequest(sql, List.of(params), false, Duration.ofMillis(5_000), 100);
    }

    static QueryRequest ro(String sql, Object... params) {
        return new QueryRequest(sql, List.of(params), true, Duration.ofMillis(5_000), 100);
    }

    /** A local port nothing listens on. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
