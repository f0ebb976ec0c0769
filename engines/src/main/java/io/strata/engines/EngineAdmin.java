package io.strata.engines;

/**
 * What an engine does with the configured admin credentials. Every operation is idempotent, so a
 * provisioning step that ran before a crash can run again. Next to come: dump, restore, clone.
 */
public interface EngineAdmin {
    boolean enabled();

    /** Live: available only if the engine answers now. */
    EngineStatus status();

    /** Creates (or finds) the role/user and the database for this Strata database id and sets its password. */
    EngineLocation provision(String databaseId, String password) throws EngineException;

    /** Sets a new password; afterwards the old one is refused by the engine. */
    void rotatePassword(String databaseId, String newPassword) throws EngineException;

    /** Terminates open connections, drops the database and the role/user (or deletes the file). Missing = success. */
    void deprovision(String databaseId) throws EngineException;

    /** Bytes the database occupies on the engine (pg_database_size, information_schema sum, file size). */
    long sizeBytes(String databaseId) throws EngineException;
}
