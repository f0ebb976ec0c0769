package io.strata.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database for each caller. Where a Docker engine exists, databases live
 * in one Testcontainers PostgreSQL per JVM; otherwise on the server named by STRATA_TEST_PG_URL
 * (default the local server on 5432, user postgres). Never H2, never a mock.
 */
public final class TestDatabase {
    private static PostgreSQLContainer<?> container;

    private TestDatabase() {
    }

    public record Server(String baseUrl, String user, String password) {
        public String url(String database) {
            return baseUrl + database;
        }
    }

    public static synchronized Server server() {
        String configured = System.getenv("STRATA_TEST_PG_URL");
        if (configured == null && dockerAvailable()) {
            if (container == null) {
                container = new PostgreSQLContainer<>("postgres:16-alpine");
                container.start();
            }
            String url = container.getJdbcUrl();
            return new Server(url.substring(0, url.lastIndexOf('/') + 1), container.getUsername(), container.getPassword());
        }
        return new Server(configured != null ? configured : "jdbc:postgresql://127.0.0.1:5432/",
                env("STRATA_TEST_PG_USER", "postgres"), env("STRATA_TEST_PG_PASSWORD", "postgres"));
    }

    /** Creates a new database and returns its JDBC URL. */
    public static String fresh() {
        Server server = server();
        String name = "strata_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(server.url("postgres"), server.user(), server.password())) {
            c.createStatement().execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + server.baseUrl(), e);
        }
        return server.url(name);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
