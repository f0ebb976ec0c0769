package io.strata.contract.database;

import java.time.Instant;

/**
 * A database as the REST API returns it.
 * {@code managed}: provisioned by Strata (true) or registered from outside (false).
 */
public record DatabaseResource(String id, String projectId, String name, String engine, DatabaseStatus status, String host,
                               Integer port, String databaseName, boolean managed, Instant createdAt,
                               Instant updatedAt, long version) {
}
