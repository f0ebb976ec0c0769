package io.strata.contract.database;

import io.strata.contract.Failure;
import io.strata.contract.job.DatabaseOutcome;
import io.strata.contract.job.JobType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands of the Database aggregate (command-service). Each names the caller's organization. */
public final class DatabaseCommands {
    private DatabaseCommands() {
    }

    public record CreateDatabase(@TargetAggregateIdentifier String databaseId, String organizationId,
                                 String projectId, String name, String engine, String jobId, int maxAttempts) {
    }

    /** {@code sealedConnection}: the verified connection string, AES-GCM ciphertext (base64); never plaintext. */
    public record RegisterDatabase(@TargetAggregateIdentifier String databaseId, String organizationId,
                                   String projectId, String name, String engine, String host, int port,
                                   String databaseName, String user, String sealedConnection) {
    }

    public record RenameDatabase(@TargetAggregateIdentifier String databaseId, String organizationId, String name,
                                 Long expectedVersion) {
    }

    public record UpdateDatabaseConnection(@TargetAggregateIdentifier String databaseId, String organizationId,
                                           String host, int port, String databaseName, String user,
                                           String sealedConnection, Long expectedVersion) {
    }

    public record DeleteDatabase(@TargetAggregateIdentifier String databaseId, String organizationId, String jobId,
                                 int maxAttempts) {
    }

    public record RotateCredentials(@TargetAggregateIdentifier String databaseId, String organizationId,
                                    String jobId, int maxAttempts) {
    }

    /** Sent by command-service's job policy when a job on this database succeeded or gave up. */
    public record AcknowledgeJobSucceeded(@TargetAggregateIdentifier String databaseId, String jobId, JobType type,
                                          DatabaseOutcome outcome) {
    }

    public record AcknowledgeJobGaveUp(@TargetAggregateIdentifier String databaseId, String jobId, JobType type,
                                       Failure error) {
    }
}
