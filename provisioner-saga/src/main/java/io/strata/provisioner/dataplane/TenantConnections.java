package io.strata.provisioner.dataplane;

import io.strata.contract.database.ConnectionString;
import io.strata.contract.database.Engines;
import io.strata.engines.ConnectionTarget;
import io.strata.platform.secrets.SecretBox;
import io.strata.platform.web.ApiException;
import io.strata.provisioner.credential.Credentials;
import org.springframework.stereotype.Component;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The tenant's own credentials for one database: the sealed password Strata generated (managed)
 * or the sealed connection string that was registered. Data-plane work always runs as this user,
 * never as an admin.
 */
@Component
public class TenantConnections {
    private final Credentials credentials;
    private final SecretBox secrets;

    public TenantConnections(Credentials credentials, SecretBox secrets) {
        this.credentials = credentials;
        this.secrets = secrets;
    }

    public record Details(String uri, String host, Integer port, String user, String password, String database,
                          Integer credentialVersion) {
        @Override
        public String toString() {
            return "Details[" + user + "@" + host + ":" + port + "/" + database + "]";
        }
    }

    /** The target and, for a managed database, the credential version it was built from (null when registered). */
    private record Resolved(ConnectionTarget target, Integer credentialVersion) {
    }

    public ConnectionTarget target(DataPlaneDatabases.Row db) {
        return resolve(db).target();
    }

    private Resolved resolve(DataPlaneDatabases.Row db) {
        if (!db.managed()) {
            ConnectionString registered = ConnectionString.parse(secrets.open(db.sealedConnection(), db.id()));
            return new Resolved(new ConnectionTarget(db.engine(), registered.host(), registered.port(),
                    registered.databaseName(), registered.user(), registered.password()), null);
        }
        Credentials.Credential credential = credentials.current(db.id())
                .orElseThrow(() -> ApiException.conflict("database_not_ready", "database " + db.id() + " has no credentials yet"));
        return new Resolved(new ConnectionTarget(db.engine(), db.host(), db.port() == null ? 0 : db.port(),
                db.databaseName(), db.user(), credential.password()), credential.version());
    }

    public Details details(DataPlaneDatabases.Row db) {
        Resolved resolved = resolve(db);
        ConnectionTarget t = resolved.target();
        Integer version = resolved.credentialVersion();
        String uri = switch (t.engine()) {
            case Engines.SQLITE -> "file:" + t.databaseName();
            case Engines.MARIADB -> "mariadb://" + enc(t.user()) + ":" + enc(t.password()) + "@" + t.host() + ":" + t.port() + "/" + t.databaseName();
            default -> "postgresql://" + enc(t.user()) + ":" + enc(t.password()) + "@" + t.host() + ":" + t.port() + "/" + t.databaseName();
        };
        return new Details(uri, t.host(), t.engine().equals(Engines.SQLITE) ? null : t.port(), t.user(), t.password(),
                t.databaseName(), version);
    }

    private static String enc(String s) {
        return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
