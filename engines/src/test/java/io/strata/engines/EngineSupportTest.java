package io.strata.engines;

import io.strata.contract.Failure;
import io.strata.engines.jdbc.ServerAddress;
import io.strata.engines.mariadb.MariaDbEngine;
import io.strata.engines.postgres.PostgresEngine;
import io.strata.engines.sqlite.SqliteEngine;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unit tests of the pure helpers: names, password verifiers, the error-code mapping, addresses, registry. */
class EngineSupportTest {

    @Test
    void namesAreDerivedFromTheIdOnly() {
        String name = EngineNames.of("db_123");
        assertThat(name).matches("s_[0-9a-f]{24}").isEqualTo(EngineNames.of("db_123"));
        // sha256("db_123") starts with these 24 hex chars
        assertThat(name).isEqualTo("s_" + java.util.HexFormat.of().formatHex(sha256("db_123")).substring(0, 24));
        assertThat(EngineNames.of("db_124")).isNotEqualTo(name);
        assertThat(EngineNames.of("x\"; DROP ROLE postgres; --")).matches("s_[0-9a-f]{24}");
        assertThatThrownBy(() -> EngineNames.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(EngineNames.quoteIdent("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(EngineNames.quoteBacktick("a`b")).isEqualTo("`a``b`");
    }

    @Test
    void scramVerifierMatchesRfc7677Derivation() {
        byte[] salt = new byte[16];
        for (int i = 0; i < 16; i++) {
            salt[i] = (byte) i;
        }
        // computed independently with Python's hashlib/hmac
        assertThat(PasswordHashes.scramSha256("correct horse", salt, 4096)).isEqualTo(
                "SCRAM-SHA-256$4096:AAECAwQFBgcICQoLDA0ODw==$yERwYmHlx0VrpoYfOn54hMTjBUKWnmK42IDjnWgQWkk="
                        + ":RQZr9F8QCYmmp35tAVzp0VB/kDwY283N+s24jDDliG4=");
        String random = PasswordHashes.scramSha256("correct horse");
        assertThat(random).startsWith("SCRAM-SHA-256$4096:").doesNotContain("correct horse")
                .isNotEqualTo(PasswordHashes.scramSha256("correct horse")); // random salt
        assertThat(random).matches("SCRAM-SHA-256\\$4096:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+");
    }

    @Test
    void mysqlNativeHashMatchesMariaDbPasswordFunction() {
        // SELECT PASSWORD('password') on MariaDB
        assertThat(PasswordHashes.mysqlNative("password")).isEqualTo("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
    }

    @Test
    void errorCodesMapToApiFailureCodes() {
        assertThat(ConnectionFailures.code("postgres", "28P01", 0, null)).isEqualTo("database_auth_failed");
        assertThat(ConnectionFailures.code("postgres", "28000", 0, null)).isEqualTo("database_auth_failed");
        assertThat(ConnectionFailures.code("postgres", "42501", 0, null)).isEqualTo("database_permission_denied");
        assertThat(ConnectionFailures.code("postgres", null, 0,
                new SQLException("FATAL: permission denied for database \"s_1\""))).isEqualTo("database_permission_denied");
        assertThat(ConnectionFailures.code("postgres", "08001", 0, null)).isEqualTo("database_unreachable");
        assertThat(ConnectionFailures.code("postgres", "57P03", 0, null)).isEqualTo("database_unreachable");
        assertThat(ConnectionFailures.code("postgres", "3D000", 0, null)).isEqualTo("database_error");
        assertThat(ConnectionFailures.code("postgres", "42P01", 0, null)).isEqualTo("database_error");
        assertThat(ConnectionFailures.code("mariadb", "28000", 1045, null)).isEqualTo("database_auth_failed");
        assertThat(ConnectionFailures.code("mariadb", "42000", 1044, null)).isEqualTo("database_permission_denied");
        assertThat(ConnectionFailures.code("mariadb", "08000", 0, null)).isEqualTo("database_unreachable");
        assertThat(ConnectionFailures.code("mariadb", "42000", 1064, null)).isEqualTo("database_error");
        assertThat(ConnectionFailures.code("mariadb", null, 0, new SQLException("x", new ConnectException("refused"))))
                .isEqualTo("database_unreachable");
        // the mapping is per engine: a MariaDB vendor code means nothing on PostgreSQL
        assertThat(ConnectionFailures.code("postgres", "HY000", 1045, null)).isEqualTo("database_error");

        Failure unreachable = ConnectionFailures.classify("postgres", new SQLException("refused", "08001"));
        assertThat(unreachable.retryable()).isTrue();
        Failure auth = ConnectionFailures.classify("postgres",
                new SQLException("password authentication failed, got s3cret-pw", "28P01"));
        assertThat(auth.code()).isEqualTo("database_auth_failed");
        assertThat(auth.retryable()).isFalse();
        assertThat(auth.message()).doesNotContain("s3cret-pw");
    }

    @Test
    void connectionTargetNeverPrintsThePassword() {
        ConnectionTarget target = new ConnectionTarget("postgres", "h", 5432, "d", "u", "s3cret-pw");
        assertThat(target.toString()).doesNotContain("s3cret-pw").contains("***").contains("u");
        assertThat(new ConnectionCheck(true, Instant.now(), 1, null).ok()).isTrue();
    }

    @Test
    void serverAddressComesFromTheAdminUrlUnlessPublicOnesAreSet() {
        assertThat(ServerAddress.parse("jdbc:postgresql://db.internal:6543/postgres?ssl=true", 5432))
                .isEqualTo(new ServerAddress("db.internal", 6543));
        assertThat(ServerAddress.parse("jdbc:mariadb://localhost/", 3306)).isEqualTo(new ServerAddress("localhost", 3306));
        assertThat(ServerAddress.parse("jdbc:postgresql://h1:1,h2:2/db", 5432)).isEqualTo(new ServerAddress("h1", 1));
        assertThat(ServerAddress.parse("jdbc:postgresql://[::1]:7/db", 5432)).isEqualTo(new ServerAddress("[::1]", 7));
        var server = new ServerSettings("jdbc:postgresql://10.0.0.1:5432/postgres", "a", "b", "pg.example.com", 15432);
        assertThat(ServerAddress.publicOf(server, 5432)).isEqualTo(new ServerAddress("pg.example.com", 15432));
        var noPublic = new ServerSettings("jdbc:postgresql://10.0.0.1:5439/postgres", "a", "b", " ", null);
        assertThat(ServerAddress.publicOf(noPublic, 5432)).isEqualTo(new ServerAddress("10.0.0.1", 5439));
        assertThat(ServerAddress.safeHost("db.example.com")).isTrue();
        assertThat(ServerAddress.safeHost("evil/db?socketFactory=x")).isFalse();
    }

    @Test
    void registryOrdersAdaptersAndRefusesUnknownEngines() {
        Engine mariadb = MariaDbEngine.create(ServerSettings.NONE, EngineRegistry.DEFAULT_CONNECT_TIMEOUT);
        EngineRegistry registry = new EngineRegistry(List.of(SqliteEngine.create(SqliteSettings.NONE, EngineRegistry.DEFAULT_CONNECT_TIMEOUT),
                mariadb, PostgresEngine.create(ServerSettings.NONE, EngineRegistry.DEFAULT_CONNECT_TIMEOUT)));
        assertThat(registry.all()).extracting(Engine::id).containsExactly("postgres", "mariadb", "sqlite");
        assertThat(registry.get("mariadb")).isSameAs(mariadb);
        assertThatThrownBy(() -> registry.get("oracle")).isInstanceOf(IllegalArgumentException.class);
        assertThat(registry.statuses()).extracting(EngineStatus::available).containsOnly(false);
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
