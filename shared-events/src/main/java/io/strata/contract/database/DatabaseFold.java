package io.strata.contract.database;

import io.strata.contract.database.DatabaseEvents.CredentialRotationFailed;
import io.strata.contract.database.DatabaseEvents.CredentialRotationRequested;
import io.strata.contract.database.DatabaseEvents.CredentialsRotated;
import io.strata.contract.database.DatabaseEvents.DatabaseConnectionUpdated;
import io.strata.contract.database.DatabaseEvents.DatabaseCreationRequested;
import io.strata.contract.database.DatabaseEvents.DatabaseDeleted;
import io.strata.contract.database.DatabaseEvents.DatabaseDeletionFailed;
import io.strata.contract.database.DatabaseEvents.DatabaseDeletionRequested;
import io.strata.contract.database.DatabaseEvents.DatabaseFailed;
import io.strata.contract.database.DatabaseEvents.DatabaseReady;
import io.strata.contract.database.DatabaseEvents.DatabaseRegistered;
import io.strata.contract.database.DatabaseEvents.DatabaseRenamed;

import java.time.Instant;

/**
 * The one definition of a database's shape over time: the database after an event, as a GET shows it.
 * Pure, so that every view of databases (query-service's table, the webhook payloads) folds the same
 * events the same way. {@code version} is the aggregate's sequence number of the last event (what
 * PATCH's If-Match compares with); an event not newer than it changes nothing, so redelivery is harmless.
 */
public final class DatabaseFold {
    private DatabaseFold() {
    }

    /**
     * The database plus what the fold needs and a GET does not show: the status a failed deletion
     * returns to.
     */
    public record State(DatabaseResource database, DatabaseStatus statusBeforeDeletion) {
    }

    /** The database an event concerns, or null when it is not a database event. */
    public static String databaseIdOf(Object event) {
        return event instanceof DatabaseEvent e ? e.databaseId() : null;
    }

    /**
     * @param previous       the database before the event (null when there is none yet)
     * @param at             the event's timestamp
     * @param sequenceNumber the event's sequence number in the database's stream
     * @return the database after it; null while it does not exist
     */
    public static State after(State previous, Object event, Instant at, long sequenceNumber) {
        if (event instanceof DatabaseCreationRequested e) {
            return previous != null ? previous : new State(new DatabaseResource(e.databaseId(), e.projectId(), e.name(),
                    e.engine(), DatabaseStatus.PROVISIONING, null, null, null, true, at, at, sequenceNumber), null);
        } else if (event instanceof DatabaseRegistered e) {
            return previous != null ? previous : new State(new DatabaseResource(e.databaseId(), e.projectId(), e.name(),
                    e.engine(), DatabaseStatus.READY, e.host(), e.port(), e.databaseName(), false, at, at, sequenceNumber), null);
        } else if (previous == null || sequenceNumber <= previous.database().version()) {
            return previous;
        }
        DatabaseResource d = previous.database();
        DatabaseStatus before = previous.statusBeforeDeletion();
        if (event instanceof DatabaseReady e) {
            return changed(d, before, DatabaseStatus.READY, e.outcome().host(), e.outcome().port(), e.outcome().databaseName(), d.name(), at, sequenceNumber);
        } else if (event instanceof DatabaseFailed) {
            return changed(d, before, DatabaseStatus.FAILED, d.host(), d.port(), d.databaseName(), d.name(), at, sequenceNumber);
        } else if (event instanceof DatabaseRenamed e) {
            return changed(d, before, d.status(), d.host(), d.port(), d.databaseName(), e.name(), at, sequenceNumber);
        } else if (event instanceof DatabaseConnectionUpdated e) {
            return changed(d, before, d.status(), e.host(), e.port(), e.databaseName(), d.name(), at, sequenceNumber);
        } else if (event instanceof DatabaseDeletionRequested) {
            return changed(d, d.status(), DatabaseStatus.DELETING, d.host(), d.port(), d.databaseName(), d.name(), at, sequenceNumber);
        } else if (event instanceof DatabaseDeletionFailed) {
            return changed(d, before, before != null ? before : DatabaseStatus.READY, d.host(), d.port(), d.databaseName(), d.name(), at,
                    sequenceNumber);
        } else if (event instanceof DatabaseDeleted) {
            return changed(d, before, DatabaseStatus.DELETED, d.host(), d.port(), d.databaseName(), d.name(), at, sequenceNumber);
        } else if (event instanceof CredentialRotationRequested || event instanceof CredentialsRotated
                || event instanceof CredentialRotationFailed) {
            // A GET shows nothing of a rotation but the version and time of the last change.
            return changed(d, before, d.status(), d.host(), d.port(), d.databaseName(), d.name(), at, sequenceNumber);
        }
        return previous;
    }

    private static State changed(DatabaseResource d, DatabaseStatus statusBeforeDeletion, DatabaseStatus status, String host,
                                 Integer port, String databaseName, String name, Instant at, long sequenceNumber) {
        return new State(new DatabaseResource(d.id(), d.projectId(), name, d.engine(), status, host, port, databaseName,
                d.managed(), d.createdAt(), at, sequenceNumber), statusBeforeDeletion);
    }
}
