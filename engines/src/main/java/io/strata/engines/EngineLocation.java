package io.strata.engines;

/**
 * Where a provisioned database lives, as clients reach it. For SQLite: host {@code null}, port 0,
 * databaseName the absolute file path, user {@code null}.
 */
public record EngineLocation(String host, int port, String databaseName, String user) {
}
