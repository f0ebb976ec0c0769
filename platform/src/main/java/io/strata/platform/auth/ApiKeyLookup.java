package io.strata.platform.auth;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The authentication table (see db/platform/V1): read by every process's authentication, written only by
 * command-service's ApiKey handler, in the transaction that stores the key's events.
 */
@Component
public class ApiKeyLookup {
    private final JdbcTemplate jdbc;

    public ApiKeyLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Entry(String apiKeyId, String organizationId, String projectId, String name, Set<String> scopes,
                        Instant expiresAt, Instant revokedAt) {
    }

    public Optional<Entry> bySecretHash(String secretHash) {
        List<Entry> rows = jdbc.query("""
                select api_key_id, organization_id, project_id, name, scopes, expires_at, revoked_at
                from api_key_lookup where secret_hash = ?""", (rs, i) -> {
            Array scopes = rs.getArray("scopes");
            return new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    new LinkedHashSet<>(List.of((String[]) scopes.getArray())),
                    instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("revoked_at")));
        }, secretHash);
        return rows.stream().findFirst();
    }

    /** A new key; a repeat (the event redelivered) changes nothing. */
    public void insert(String apiKeyId, String secretHash, String organizationId, String projectId, String name,
                       String[] scopes, Instant expiresAt) {
        jdbc.update("""
                insert into api_key_lookup (api_key_id, secret_hash, organization_id, project_id, name, scopes, expires_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (api_key_id) do nothing""",
                apiKeyId, secretHash, organizationId, projectId, name, scopes,
                expiresAt == null ? null : Timestamp.from(expiresAt));
    }

    /** Revoked from {@code at} on; a key revoked already keeps its first revocation time. */
    public void revoke(String apiKeyId, Instant at) {
        jdbc.update("update api_key_lookup set revoked_at = coalesce(revoked_at, ?) where api_key_id = ?",
                Timestamp.from(at), apiKeyId);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
