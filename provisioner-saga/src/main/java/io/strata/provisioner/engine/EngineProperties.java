package io.strata.provisioner.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Where the data-plane engines are and how the provisioner reaches them as an admin. Only this
 * process holds these credentials (ARCHITECTURE rule 4). An engine with a blank URL is disabled.
 */
@ConfigurationProperties("strata.engines")
public record EngineProperties(Server postgres, Server mariadb, Sqlite sqlite) {
    public EngineProperties {
        postgres = postgres == null ? new Server(null, null, null, null, null) : postgres;
        mariadb = mariadb == null ? new Server(null, null, null, null, null) : mariadb;
        sqlite = sqlite == null ? new Sqlite(null) : sqlite;
    }

    /**
     * @param adminUrl JDBC URL the provisioner connects to as admin
     * @param publicHost host name clients use to reach the server (defaults to the admin URL's host)
     */
    public record Server(String adminUrl, String adminUser, String adminPassword, String publicHost, Integer publicPort) {
        public boolean enabled() {
            return adminUrl != null && !adminUrl.isBlank();
        }
    }

    public record Sqlite(Path dataDir) {
        public boolean enabled() {
            return dataDir != null;
        }
    }
}
