package io.strata.command.database;

import io.strata.contract.Failure;
import io.strata.contract.database.ConnectionString;
import io.strata.engines.ConnectionCheck;
import io.strata.engines.ConnectionTarget;
import io.strata.engines.EngineRegistry;
import io.strata.engines.ServerSettings;
import io.strata.engines.SqliteSettings;
import io.strata.platform.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Verifies a database someone wants to register by opening one connection with exactly the
 * connection string they sent (ARCHITECTURE rule 4: the only time command-service touches a tenant
 * database). Nothing is stored unless this succeeds. It is the engines' own tenant-side check, the
 * one the data plane runs, so registration and data plane classify a failure alike; this process
 * configures no engine's admin side.
 */
@Component
public class RegistrationVerifier {
    private final EngineRegistry engines;

    public RegistrationVerifier(@Value("${strata.registration.connect-timeout:5s}") Duration timeout) {
        this.engines = EngineRegistry.of(ServerSettings.NONE, ServerSettings.NONE, SqliteSettings.NONE,
                timeout);
    }

    public void verify(ConnectionString target) {
        ConnectionCheck check = engines.get(target.engine()).tenant().check(new ConnectionTarget(target.engine(),
                target.host(), target.port(), target.databaseName(), target.user(), target.password()));
        if (!check.ok()) {
            Failure failure = check.failure();
            throw ApiException.unprocessable(failure.code(), failure.message() + " (" + target.host() + ":" + target.port() + ")");
        }
    }
}
