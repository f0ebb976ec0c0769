package io.strata.contract.database;

import io.strata.contract.job.DatabaseOutcome;
import io.strata.contract.job.JobError;

/** Events of the Database aggregate. No event ever carries a password or a plaintext connection string. */
public final class DatabaseEvents {
    private DatabaseEvents() {
    }

    public record DatabaseCreationRequested(String databaseId, String organizationId, String projectId, String name,
                                            String engine, String jobId, int maxAttempts) {
    }

    public record DatabaseRegistered(String databaseId, String organizationId, String projectId, String name,
                                     String engine, String host, int port, String databaseName, String user,
                                     String sealedConnection) {
    }

    public record DatabaseReady(String databaseId, String organizationId, String projectId, String jobId,
                                DatabaseOutcome outcome) {
    }

    public record DatabaseFailed(String databaseId, String organizationId, String projectId, String jobId,
                                 JobError error) {
    }

    public record DatabaseRenamed(String databaseId, String organizationId, String projectId, String name) {
    }

    public record DatabaseConnectionUpdated(String databaseId, String organizationId, String projectId, String host,
                                            int port, String databaseName, String user, String sealedConnection) {
    }

    public record DatabaseDeletionRequested(String databaseId, String organizationId, String projectId,
                                            String engine, boolean managed, String jobId, int maxAttempts) {
    }

    public record DatabaseDeleted(String databaseId, String organizationId, String projectId, String jobId) {
    }

    public record DatabaseDeletionFailed(String databaseId, String organizationId, String projectId, String jobId,
                                         JobError error) {
    }

    public record CredentialRotationRequested(String databaseId, String organizationId, String projectId,
                                              String engine, String jobId, int maxAttempts) {
    }

    public record CredentialsRotated(String databaseId, String organizationId, String projectId, String jobId,
                                     int credentialVersion, String credentialFingerprint) {
    }

    public record CredentialRotationFailed(String databaseId, String organizationId, String projectId, String jobId,
                                           JobError error) {
    }
}
