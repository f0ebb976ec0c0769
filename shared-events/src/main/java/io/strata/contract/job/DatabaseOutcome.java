package io.strata.contract.job;

/**
 * What a successful database job produced: where the database lives and which credential version
 * is current. Never the password: that stays sealed in provisioner-saga's own table.
 */
public record DatabaseOutcome(String host, int port, String databaseName, String user, int credentialVersion,
                              String credentialFingerprint) {
}
