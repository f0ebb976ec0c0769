package io.strata.command.database;

import io.strata.contract.database.ConnectionFailures;
import io.strata.contract.database.ConnectionString;
import io.strata.platform.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Verifies a database someone wants to register by opening one connection with exactly the
 * connection string they sent (ARCHITECTURE rule 4: the only time command-service touches a tenant
 * database). Nothing is stored unless this succeeds.
 */
@Component
public class RegistrationVerifier {
    private final Duration timeout;

    public RegistrationVerifier(@Value("${strata.registration.connect-timeout:5s}") Duration timeout) {
        this.timeout = timeout;
    }

    public void verify(ConnectionString target) {
        Properties props = new Properties();
        props.setProperty("user", target.user());
        props.setProperty("password", target.password());
        int seconds = (int) Math.max(1, timeout.toSeconds());
        if (target.engine().equals("postgres")) {
            props.setProperty("connectTimeout", Integer.toString(seconds));
            props.setProperty("socketTimeout", Integer.toString(seconds));
            props.setProperty("loginTimeout", Integer.toString(seconds));
        } else {
            props.setProperty("connectTimeout", Long.toString(timeout.toMillis()));
            props.setProperty("socketTimeout", Long.toString(timeout.toMillis()));
        }
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), props)) {
            c.createStatement().execute("select 1");
        } catch (SQLException e) {
            ConnectionFailures.Failure failure = ConnectionFailures.classify(target.engine(), e);
            throw ApiException.unprocessable(failure.code(), failure.message() + " (" + target.host() + ":" + target.port() + ")");
        }
    }
}
