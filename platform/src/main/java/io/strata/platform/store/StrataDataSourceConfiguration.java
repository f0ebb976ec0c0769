package io.strata.platform.store;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one DataSource of a process. Before anyone can use it, the database is created when missing
 * (so a fresh machine needs no manual step) and every module schema on the classpath is migrated.
 * Doing this inside the bean method means no other bean can ever see an unmigrated database.
 */
@Configuration(proxyBeanMethods = false)
public class StrataDataSourceConfiguration {
    private static final Logger log = LoggerFactory.getLogger(StrataDataSourceConfiguration.class);
    /** Any constant shared by all Strata processes; ASCII "StrataDB". */
    private static final long MIGRATION_LOCK = 0x5374726174614442L;
    private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:postgresql://[^/]*/)([A-Za-z0-9_]+)(.*)$");

    @Bean
    public HikariDataSource dataSource(DataSourceProperties properties, List<ModuleSchema> schemas, Environment environment) {
        createDatabaseIfMissing(properties);
        HikariDataSource dataSource = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        // Bound here, not by @ConfigurationProperties: the pool starts below and is sealed from then on.
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(dataSource));
        migrateAll(dataSource, schemas);
        return dataSource;
    }

    /**
     * One process at a time: processes started together on an empty database raced in Flyway (one saw no
     * history table and decided to baseline while another was creating it, and failed to start). A
     * session-level advisory lock, held on its own connection, serializes the migrations of all processes.
     */
    private static void migrateAll(HikariDataSource dataSource, List<ModuleSchema> schemas) {
        try (Connection lock = dataSource.getConnection(); var st = lock.createStatement()) {
            st.execute("select pg_advisory_lock(" + MIGRATION_LOCK + ")");
            try {
                schemas.stream()
                        .distinct()
                        // platform first: the other modules' tables may refer to the event store's.
                        .sorted(Comparator.comparing((ModuleSchema s) -> !s.module().equals("platform"))
                                .thenComparing(ModuleSchema::module))
                        .forEach(schema -> migrate(dataSource, schema));
            } finally {
                st.execute("select pg_advisory_unlock(" + MIGRATION_LOCK + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock the database for migrations: " + e.getMessage(), e);
        }
    }

    private static void migrate(DataSource dataSource, ModuleSchema schema) {
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations(schema.location())
                .table(schema.historyTable())
                // Another module may have created tables already: start this module's history at 0.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        log.info("schema {} at version {} ({} migrations applied)", schema.module(), result.targetSchemaVersion,
                result.migrationsExecuted);
    }

    static void createDatabaseIfMissing(DataSourceProperties properties) {
        Matcher m = DATABASE_IN_URL.matcher(properties.determineUrl());
        if (!m.matches()) {
            return;
        }
        String database = m.group(2);
        String maintenanceUrl = m.group(1) + "postgres" + m.group(3);
        try (Connection c = DriverManager.getConnection(maintenanceUrl, properties.determineUsername(),
                properties.determinePassword())) {
            try (var st = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                st.setString(1, database);
                if (st.executeQuery().next()) {
                    return;
                }
            }
            try (var st = c.createStatement()) {
                // The name matched [A-Za-z0-9_]+ above, so quoting it is safe.
                st.execute("create database \"" + database + "\"");
                log.info("created database {}", database);
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // created concurrently by another process
                    throw e;
                }
            }
        } catch (SQLException e) {
            // Not fatal here: without rights to create it, the database may still exist; the pool reports the real error.
            log.warn("could not check or create database {}: {}", database, e.getMessage());
        }
    }
}
