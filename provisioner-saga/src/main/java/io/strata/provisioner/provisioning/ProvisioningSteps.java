package io.strata.provisioner.provisioning;

import io.strata.contract.job.DatabaseOutcome;
import io.strata.contract.job.JobType;
import io.strata.provisioner.credential.Credentials;
import io.strata.provisioner.engine.EngineAdapter;
import io.strata.provisioner.engine.EngineException;
import io.strata.provisioner.engine.EngineLocation;
import io.strata.provisioner.engine.EngineRegistry;
import org.springframework.stereotype.Component;

/**
 * The work of each job type on the engines. Every step is idempotent (the adapters create-or-find
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
            case DATABASE_CREATE -> create(jobId, databaseId, adapter(engine));
            case DATABASE_DELETE -> delete(databaseId, engine, managed);
            case CREDENTIALS_ROTATE -> rotate(jobId, databaseId, adapter(engine));
        };
    }

    private DatabaseOutcome create(String jobId, String databaseId, EngineAdapter engine) throws EngineException {
        Credentials.Credential credential = credentials.forJob(databaseId, jobId);
        EngineLocation location = engine.provision(databaseId, credential.password());
        credentials.promote(databaseId, credential.version());
        return new DatabaseOutcome(location.host(), location.port(), location.databaseName(), location.user(),
                credential.version(), credential.fingerprint());
    }

    private DatabaseOutcome delete(String databaseId, String engine, boolean managed) throws EngineException {
        if (managed) { // a registered database is only forgotten: Strata never touches it
            adapter(engine).deprovision(databaseId);
            credentials.forget(databaseId);
        }
        return null;
    }

    private DatabaseOutcome rotate(String jobId, String databaseId, EngineAdapter engine) throws EngineException {
        Credentials.Credential credential = credentials.forJob(databaseId, jobId);
        engine.rotatePassword(databaseId, credential.password());
        credentials.promote(databaseId, credential.version());
        return new DatabaseOutcome(null, 0, null, null, credential.version(), credential.fingerprint());
    }

    private EngineAdapter adapter(String engine) throws EngineException {
        EngineAdapter adapter;
        try {
            adapter = engines.get(engine);
        } catch (IllegalArgumentException e) {
            throw new EngineException("unknown_engine", "engine " + engine + " is not supported", false);
        }
        if (!adapter.enabled()) {
            throw new EngineException("engine_unavailable", "engine " + engine + " is not configured on this installation", false);
        }
        return adapter;
    }
}
