package io.strata.platform.auth;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Reads the authentication table (see db/platform/V1). Written only by command-service's ApiKey handler. */
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

    /** When the key last authenticated a request (flushed in batches by {@link LastUsedRecorder}); empty if never. */
    public Optional<Instant> lastUsedAt(String apiKeyId) {
        return jdbc.query("select last_used_at from api_key_lookup where api_key_id = ?",
                (rs, i) -> instant(rs.getTimestamp(1)), apiKeyId).stream().filter(Objects::nonNull).findFirst();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
