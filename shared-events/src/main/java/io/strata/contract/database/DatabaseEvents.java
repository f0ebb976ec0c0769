package io.strata.contract.database;

import io.strata.contract.EventType;
import io.strata.contract.Failure;
import io.strata.contract.job.DatabaseOutcome;
import org.axonframework.serialization.Revision;

/** Events of the Database aggregate. No event ever carries a password or a plaintext connection string. */
public final class DatabaseEvents {
    private DatabaseEvents() {
    }

    @EventType("DatabaseCreationRequested")
    @Revision("1")
    public record DatabaseCreationRequested(String databaseId, String organizationId, String projectId, String name,
                                            String engine, String jobId, int maxAttempts) implements DatabaseEvent {
    }

    @EventType("DatabaseRegistered")
    @Revision("1")
    public record DatabaseRegistered(String databaseId, String organizationId, String projectId, String name,
                                     String engine, String host, int port, String databaseName, String user,
                                     String sealedConnection) implements DatabaseEvent {
    }

    @EventType("DatabaseReady")
    @Revision("1")
    public record DatabaseReady(String databaseId, String organizationId, String projectId, String jobId,
                                DatabaseOutcome outcome) implements DatabaseEvent {
    }

    @EventType("DatabaseFailed")
    @Revision("1")
    public record DatabaseFailed(String databaseId, String organizationId, String projectId, String jobId,
                                 Failure error) implements DatabaseEvent {
    }

    @EventType("DatabaseRenamed")
    @Revision("1")
    public record DatabaseRenamed(String databaseId, String organizationId, String projectId, String name)
            implements DatabaseEvent {
    }

    @EventType("DatabaseConnectionUpdated")
    @Revision("1")
    public record DatabaseConnectionUpdated(String databaseId, String organizationId, String projectId, String host,
                                            int port, String databaseName, String user, String sealedConnection)
                                                    implements DatabaseEvent {
    }

    @EventType("DatabaseDeletionRequested")
    @Revision("1")
    public record DatabaseDeletionRequested(String databaseId, String organizationId, String projectId,
                                            String engine, boolean managed, String jobId, int maxAttempts)
                                                    implements DatabaseEvent {
    }

    @EventType("DatabaseDeleted")
    @Revision("1")
    public record DatabaseDeleted(String databaseId, String organizationId, String projectId, String jobId)
            implements DatabaseEvent {
    }

    @EventType("DatabaseDeletionFailed")
    @Revision("1")
    public record DatabaseDeletionFailed(String databaseId, String organizationId, String projectId, String jobId,
                                         Failure error) implements DatabaseEvent {
    }

    @EventType("CredentialRotationRequested")
    @Revision("1")
    public record CredentialRotationRequested(String databaseId, String organizationId, String projectId,
                                              String engine, String jobId, int maxAttempts) implements DatabaseEvent {
    }

    @EventType("CredentialsRotated")
    @Revision("1")
    public record CredentialsRotated(String databaseId, String organizationId, String projectId, String jobId,
                                     int credentialVersion, String credentialFingerprint) implements DatabaseEvent {
    }

    @EventType("CredentialRotationFailed")
    @Revision("1")
    public record CredentialRotationFailed(String databaseId, String organizationId, String projectId, String jobId,
                                           Failure error) implements DatabaseEvent {
    }
}
