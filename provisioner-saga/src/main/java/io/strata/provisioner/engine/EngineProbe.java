package io.strata.provisioner.engine;

import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/** Live checks of the configured engines: an engine is available only if it answers now. */
@Component
public class EngineProbe {
    private final EngineProperties engines;

    public EngineProbe(EngineProperties engines) {
        this.engines = engines;
    }

    public List<EngineStatus> all() {
        return List.of(postgres(), mariadb(), sqlite());
    }

    EngineStatus postgres() {
        return server("postgres", "PostgreSQL", engines.postgres(), "show server_version");
    }

    EngineStatus mariadb() {
        return server("mariadb", "MariaDB", engines.mariadb(), "select version()");
    }

    EngineStatus sqlite() {
        if (!engines.sqlite().enabled()) {
            return new EngineStatus("sqlite", "SQLite", List.of(), false);
        }
        try {
            Files.createDirectories(engines.sqlite().dataDir());
            boolean writable = Files.isWritable(engines.sqlite().dataDir());
            String version = org.sqlite.SQLiteJDBCLoader.getVersion();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                 var rs = c.createStatement().executeQuery("select sqlite_version()")) {
                version = rs.next() ? rs.getString(1) : version;
            }
            return new EngineStatus("sqlite", "SQLite", List.of(version), writable);
        } catch (Exception e) {
            return new EngineStatus("sqlite", "SQLite", List.of(), false);
        }
    }

    private static EngineStatus server(String id, String name, EngineProperties.Server server, String versionQuery) {
        if (!server.enabled()) {
            return new EngineStatus(id, name, List.of(), false);
        }
        Properties props = new Properties();
        props.setProperty("user", server.adminUser() == null ? "" : server.adminUser());
        props.setProperty("password", server.adminPassword() == null ? "" : server.adminPassword());
        props.setProperty("connectTimeout", id.equals("mariadb") ? "3000" : "3");
        props.setProperty("loginTimeout", "3");
        try (Connection c = DriverManager.getConnection(server.adminUrl(), props);
             var rs = c.createStatement().executeQuery(versionQuery)) {
            String version = rs.next() ? rs.getString(1) : "unknown";
            return new EngineStatus(id, name, List.of(version.split("[ -]")[0]), true);
        } catch (SQLException e) {
            return new EngineStatus(id, name, List.of(), false);
        }
    }
}
