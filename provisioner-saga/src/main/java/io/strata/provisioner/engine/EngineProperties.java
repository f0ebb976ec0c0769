package io.strata.provisioner.engine;

import io.strata.engines.ServerSettings;
import io.strata.engines.SqliteSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the data-plane engines are and how the provisioner reaches them as an admin. Only this
 * process holds these credentials (ARCHITECTURE rule 4). An engine with a blank URL is disabled.
 */
@ConfigurationProperties("strata.engines")
public record EngineProperties(ServerSettings postgres, ServerSettings mariadb, SqliteSettings sqlite) {
    public EngineProperties {
        postgres = postgres == null ? ServerSettings.NONE : postgres;
        mariadb = mariadb == null ? ServerSettings.NONE : mariadb;
        sqlite = sqlite == null ? SqliteSettings.NONE : sqlite;
    }
}
