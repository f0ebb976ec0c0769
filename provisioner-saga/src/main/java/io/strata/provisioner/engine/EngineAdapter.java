package io.strata.provisioner.engine;

import java.util.List;

/**
 * One data-plane engine. Admin operations ({@link #provision}, {@link #rotatePassword},
 * {@link #deprovision}, {@link #sizeBytes}) use the configured admin credentials; the data plane
 * ({@link #check}, {@link #tables}, {@link #query}) uses only the tenant's own credentials.
 * Names on the engine come from {@link EngineNames#of(String)}, never from user input.
 */
public interface EngineAdapter {
    /** {@code postgres} | {@code mariadb} | {@code sqlite}. */
    String id();

    /** Live check, as {@code GET /v1/engines} reports it. */
    EngineStatus status();

    /** Configured at all. */
    boolean enabled();

    /** Idempotent: creates (or finds) the role/user and the database for this Strata database id and sets its password. */
    EngineLocation provision(String databaseId, String password) throws EngineException;

    /** Idempotent: sets a new password; afterwards the old one is refused by the engine. */
    void rotatePassword(String databaseId, String newPassword) throws EngineException;

    /** Idempotent: terminates open connections, drops the database and the role/user (or deletes the file). Missing = success. */
    void deprovision(String databaseId) throws EngineException;

    /** Live check with the tenant's own credentials. Never throws for connection problems: reports them. */
    ConnectionCheck check(ConnectionTarget target);

    List<TableInfo> tables(ConnectionTarget target) throws EngineException;

    QueryResult query(ConnectionTarget target, QueryRequest request) throws EngineException;

    /** Bytes the database occupies on the engine (pg_database_size, information_schema sum, file size). */
    long sizeBytes(String databaseId) throws EngineException;
}
