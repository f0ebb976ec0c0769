package io.strata.provisioner.provisioning;

import io.strata.contract.job.DatabaseOutcome;
import io.strata.contract.job.JobType;
import io.strata.engines.Engine;
import io.strata.engines.EngineAdmin;
import io.strata.engines.EngineException;
import io.strata.engines.EngineLocation;
import io.strata.engines.EngineRegistry;
import io.strata.provisioner.credential.Credentials;
import org.springframework.stereotype.Component;

/**
 * The work of each job type on the engines. Every step is idempotent (the engines create-or-find
 * and drop-if-exists; the password of a job is fixed on its first attempt), so a step that ran
 * before a crash can run again without creating a second database or role.
 */
@Component
public class ProvisioningSteps {
    private final EngineRegistry engines;
    private final Credentials credentials;

    public ProvisioningSteps(EngineRegistry engines, Credentials credentials) {
        this.engines = engines;
        this.credentials = credentials;
    }

    public DatabaseOutcome run(JobType type, String jobId, String databaseId, String engine, boolean managed)
            throws EngineException {
        return switch (type) {
            case DATABASE_CREATE -> create(jobId, databaseId, admin(engine));
            case DATABASE_DELETE -> delete(databaseId, engine, managed);
            case CREDENTIALS_ROTATE -> rotate(jobId, databaseId, admin(engine));
        };
    }

    private DatabaseOutcome create(String jobId, String databaseId, EngineAdmin admin) throws EngineException {
        Credentials.Credential credential = credentials.forJob(databaseId, jobId);
        EngineLocation location = admin.provision(databaseId, credential.password());
        credentials.promote(databaseId, credential.version());
        return new DatabaseOutcome(location.host(), location.port(), location.databaseName(), location.user(),
                credential.version(), credential.fingerprint());
    }

    private DatabaseOutcome delete(String databaseId, String engine, boolean managed) throws EngineException {
        if (managed) { // a registered database is only forgotten: Strata never touches it
            admin(engine).deprovision(databaseId);
            credentials.forget(databaseId);
        }
        return null;
    }

    private DatabaseOutcome rotate(String jobId, String databaseId, EngineAdmin admin) throws EngineException {
        Credentials.Credential credential = credentials.forJob(databaseId, jobId);
        admin.rotatePassword(databaseId, credential.password());
        credentials.promote(databaseId, credential.version());
        return new DatabaseOutcome(null, 0, null, null, credential.version(), credential.fingerprint());
    }

    /** The admin side of a configured engine. */
    private EngineAdmin admin(String engine) throws EngineException {
        Engine found;
        try {
            found = engines.get(engine);
        } catch (IllegalArgumentException e) {
            throw new EngineException("unknown_engine", "engine " + engine + " is not supported", false);
        }
        if (!found.enabled()) {
            throw new EngineException("engine_unavailable", "engine " + engine + " is not configured on this installation", false);
        }
        return found.admin();
    }
}
