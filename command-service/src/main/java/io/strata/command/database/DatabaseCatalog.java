package io.strata.command.database;

import io.strata.contract.database.DatabaseEvents.DatabaseCreationRequested;
import io.strata.contract.database.DatabaseEvents.DatabaseDeleted;
import io.strata.contract.database.DatabaseEvents.DatabaseRegistered;
import io.strata.contract.database.DatabaseEvents.DatabaseRenamed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The command side's catalog of databases (c_databases), kept by a subscribing processor inside the
 * transaction that stores the events. The partial unique index on live names means two concurrent
 * creates of one name cannot both commit.
 */
@Component
@ProcessingGroup(DatabaseCatalog.GROUP)
public class DatabaseCatalog {
    public static final String GROUP = "command.database-catalog";

    public record Entry(String id, String organizationId, String projectId, String name, String engine) {
    }

    private final JdbcTemplate jdbc;

    public DatabaseCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DatabaseCreationRequested e) {
        insert(e.databaseId(), e.organizationId(), e.projectId(), e.name(), e.engine());
    }

    @EventHandler
    void on(DatabaseRegistered e) {
        insert(e.databaseId(), e.organizationId(), e.projectId(), e.name(), e.engine());
    }

    @EventHandler
    void on(DatabaseRenamed e) {
        jdbc.update("update c_databases set name = ? where id = ?", e.name(), e.databaseId());
    }

    @EventHandler
    void on(DatabaseDeleted e) {
        jdbc.update("update c_databases set live = false where id = ?", e.databaseId());
    }

    private void insert(String id, String organizationId, String projectId, String name, String engine) {
        jdbc.update("insert into c_databases (id, organization_id, project_id, name, engine, live) values (?, ?, ?, ?, ?, true) "
                + "on conflict (id) do nothing", id, organizationId, projectId, name, engine);
    }

    /** A live database of this organization. */
    public Optional<Entry> find(String organizationId, String id) {
        return jdbc.query("select id, organization_id, project_id, name, engine from c_databases "
                        + "where id = ? and organization_id = ? and live",
                (rs, i) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                id, organizationId).stream().findFirst();
    }

    /** Within the caller's organization only: another organization's project must not reveal its databases. */
    public boolean nameTaken(String organizationId, String projectId, String name, String exceptId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from c_databases where organization_id = ? "
                + "and project_id = ? and lower(name) = lower(?) and live and id <> ?)", Boolean.class, organizationId,
                projectId, name, exceptId));
    }

    /** Within the caller's organization only: another organization's project must not reveal its databases. */
    public boolean hasLiveDatabases(String organizationId, String projectId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from c_databases where organization_id = ? and project_id = ? and live)",
                Boolean.class, organizationId, projectId));
    }
}
