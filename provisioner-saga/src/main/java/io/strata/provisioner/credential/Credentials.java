package io.strata.provisioner.credential;

import io.strata.platform.secrets.SecretBox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Database passwords Strata generates, kept only sealed in prov_credentials. Events carry the
 * version and fingerprint, never the password (ARCHITECTURE rule 5).
 */
@Component
public class Credentials {
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Credential(int version, String password, String fingerprint) {
        @Override
        public String toString() {
            return "Credential[v" + version + ", " + fingerprint + "]";
        }
    }

    private final JdbcTemplate jdbc;
    private final SecretBox secrets;

    public Credentials(JdbcTemplate jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /**
     * The password this job sets: created (next version) on the first attempt, the same one on every
     * retry, so an attempt that crashed after the engine accepted it can simply run again.
     */
    public Credential forJob(String databaseId, String jobId) {
        Optional<Credential> existing = jdbc.query("select version, sealed_password, fingerprint from prov_credentials "
                + "where database_id = ? and job_id = ?", (rs, i) -> new Credential(rs.getInt(1),
                secrets.open(rs.getString(2), databaseId), rs.getString(3)), databaseId, jobId).stream().findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        String password = generate();
        String fingerprint = secrets.fingerprint(password);
        jdbc.update("""
                insert into prov_credentials (database_id, version, job_id, sealed_password, fingerprint)
                select ?, coalesce(max(version), 0) + 1, ?, ?, ? from prov_credentials where database_id = ?
                on conflict do nothing""", databaseId, jobId, secrets.seal(password, databaseId), fingerprint, databaseId);
        return forJob(databaseId, jobId);
    }

    /** Makes a version the one handed out, once the engine accepted it; older versions are discarded. */
    public void promote(String databaseId, int version) {
        jdbc.update("update prov_credentials set current = (version = ?) where database_id = ?", version, databaseId);
        jdbc.update("delete from prov_credentials where database_id = ? and version < ?", databaseId, version);
    }

    public Optional<Credential> current(String databaseId) {
        return jdbc.query("select version, sealed_password, fingerprint from prov_credentials "
                        + "where database_id = ? and current", (rs, i) -> new Credential(rs.getInt(1),
                        secrets.open(rs.getString(2), databaseId), rs.getString(3)), databaseId).stream().findFirst();
    }

    public void forget(String databaseId) {
        jdbc.update("delete from prov_credentials where database_id = ?", databaseId);
    }

    /** 32 characters from a 56-letter alphabet without look-alikes: about 186 bits. */
    static String generate() {
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }
}
