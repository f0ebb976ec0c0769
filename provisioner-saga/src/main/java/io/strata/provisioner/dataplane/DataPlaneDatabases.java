package io.strata.provisioner.dataplane;

import io.strata.contract.database.DatabaseEvents.CredentialsRotated;
import io.strata.contract.database.DatabaseEvents.DatabaseConnectionUpdated;
import io.strata.contract.database.DatabaseEvents.DatabaseCreationRequested;
import io.strata.contract.database.DatabaseEvents.DatabaseDeleted;
import io.strata.contract.database.DatabaseEvents.DatabaseDeletionFailed;
import io.strata.contract.database.DatabaseEvents.DatabaseDeletionRequested;
import io.strata.contract.database.DatabaseEvents.DatabaseFailed;
import io.strata.contract.database.DatabaseEvents.DatabaseReady;
import io.strata.contract.database.DatabaseEvents.DatabaseRegistered;
import io.strata.contract.database.DatabaseStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The data plane's own view of databases (prov_databases): who owns each, where it lives, whether it is ready. */
@Component
@ProcessingGroup(DataPlaneDatabases.GROUP)
public class DataPlaneDatabases {
    public static final String GROUP = "provisioner.databases";

    public record Row(String id, String organizationId, String projectId, String engine, DatabaseStatus status,
                      boolean managed, String host, Integer port, String databaseName, String user,
                      Integer credentialVersion, String sealedConnection) {
        @Override
        public String toString() {
            return "Row[" + id + ", " + engine + ", " + status + "]";
        }
    }

    private final JdbcTemplate jdbc;

    public DataPlaneDatabases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DatabaseCreationRequested e) {
        jdbc.update("insert into prov_databases (id, organization_id, project_id, engine, status, managed) "
                + "values (?, ?, ?, ?, 'provisioning', true) on conflict (id) do nothing",
                e.databaseId(), e.organizationId(), e.projectId(), e.engine());
    }

    @EventHandler
    void on(DatabaseRegistered e) {
        jdbc.update("insert into prov_databases (id, organization_id, project_id, engine, status, managed, host, port, "
                        + "database_name, username, sealed_connection) values (?, ?, ?, ?, 'ready', false, ?, ?, ?, ?, ?) "
                        + "on conflict (id) do nothing",
                e.databaseId(), e.organizationId(), e.projectId(), e.engine(), e.host(), e.port(), e.databaseName(),
                e.user(), e.sealedConnection());
    }

    @EventHandler
    void on(DatabaseReady e) {
        jdbc.update("update prov_databases set status = 'ready', host = ?, port = ?, database_name = ?, username = ?, "
                        + "credential_version = ? where id = ?", e.outcome().host(), e.outcome().port(),
                e.outcome().databaseName(), e.outcome().user(), e.outcome().credentialVersion(), e.databaseId());
    }

    @EventHandler
    void on(DatabaseFailed e) {
        jdbc.update("update prov_databases set status = 'failed' where id = ?", e.databaseId());
    }

    @EventHandler
    void on(DatabaseConnectionUpdated e) {
        jdbc.update("update prov_databases set host = ?, port = ?, database_name = ?, username = ?, sealed_connection = ? "
                + "where id = ?", e.host(), e.port(), e.databaseName(), e.user(), e.sealedConnection(), e.databaseId());
    }

    @EventHandler
    void on(DatabaseDeletionRequested e) {
        jdbc.update("update prov_databases set status_before = status, status = 'deleting' where id = ? and status <> 'deleting'",
                e.databaseId());
    }

    @EventHandler
    void on(DatabaseDeletionFailed e) {
        jdbc.update("update prov_databases set status = coalesce(status_before, 'ready') where id = ?", e.databaseId());
    }

    @EventHandler
    void on(DatabaseDeleted e) {
        jdbc.update("update prov_databases set status = 'deleted', sealed_connection = null where id = ?", e.databaseId());
    }

    @EventHandler
    void on(CredentialsRotated e) {
        jdbc.update("update prov_databases set credential_version = ? where id = ?", e.credentialVersion(), e.databaseId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from prov_databases");
    }

    public Optional<Row> find(String organizationId, String id) {
        return jdbc.query("select id, organization_id, project_id, engine, status, managed, host, port, database_name, "
                        + "username, credential_version, sealed_connection from prov_databases "
                        + "where id = ? and organization_id = ? and status <> 'deleted'",
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        DatabaseStatus.of(rs.getString(5)),
                        rs.getBoolean(6), rs.getString(7), (Integer) rs.getObject(8), rs.getString(9), rs.getString(10),
                        (Integer) rs.getObject(11), rs.getString(12)), id, organizationId).stream().findFirst();
    }
}
