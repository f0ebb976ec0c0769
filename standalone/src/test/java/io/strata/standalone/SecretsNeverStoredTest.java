package io.strata.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.platform.auth.ApiKeySecrets;
import io.strata.testing.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ARCHITECTURE rule 5: no API key secret in an event, a read table or a log line. After an identity
 * scenario, every row of every table is read (bytea decoded as UTF-8, everything else as text) and
 * the captured log output is searched for each secret. Request logging is turned up to DEBUG so a
 * leak at that level is caught too.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"logging.level.io.strata=DEBUG", "logging.level.org.springframework.web=DEBUG"})
class SecretsNeverStoredTest extends StandaloneTest {

    @Test
    void noApiKeySecretIsStoredOrLogged(CapturedOutput output) {
        // The operator onboards an organization; its first key does the rest.
        Org org = newOrganization("Secrets Inc");
        String projectId = newProject(org.key(), "web");

        ApiClient.Response second = api.post("/v1/api-keys", org.key(),
                Map.of("name", "ci", "scopes", List.of("projects:read", "api_keys:read")));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        String secondId = second.data().get("id").asText();
        String secondSecret = second.data().get("secret").asText();

        ApiClient.Response third = api.post("/v1/api-keys", org.key(), Map.of("name", "deploy", "projectId", projectId,
                "scopes", List.of("projects:read", "projects:write")));
        assertThat(third.status()).as(third.toString()).isEqualTo(201);
        String thirdId = third.data().get("id").asText();
        String thirdSecret = third.data().get("secret").asText();

        // Every key is used, so lastUsedAt is written for each.
        assertThat(api.get("/v1/me", secondSecret).status()).isEqualTo(200);
        assertThat(api.get("/v1/me", thirdSecret, "X-API-Key", thirdSecret).status()).isEqualTo(200);

        assertThat(api.patch("/v1/organizations/" + org.id(), org.key(), Map.of("name", "Secrets Ltd")).status())
                .isEqualTo(200);
        assertThat(api.patch("/v1/projects/" + projectId, thirdSecret, Map.of("name", "www")).status()).isEqualTo(200);
        ApiClient.Response revoked = api.delete("/v1/api-keys/" + secondId, org.key());
        assertThat(revoked.status()).isEqualTo(204);
        // A revoked key and a made-up one are refused: the refusals must not echo what was presented.
        String madeUp = ApiKeySecrets.generate().secret();
        assertThat(api.get("/v1/me", secondSecret).errorCode()).isEqualTo("api_key_revoked");
        assertThat(api.get("/v1/me", madeUp).status()).isEqualTo(401);
        assertThat(api.get("/v1/me", null, "X-API-Key", madeUp).status()).isEqualTo(401);

        ApiClient.Response keys = getAfter(revoked, "/v1/api-keys", org.key());
        assertThat(keys.data()).hasSize(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from api_key_lookup where last_used_at is not null and organization_id = ?", Long.class,
                org.id())).isEqualTo(3));

        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put(org.keyId(), org.key());
        secrets.put(secondId, secondSecret);
        secrets.put(thirdId, thirdSecret);

        Map<String, List<String>> everything = readEveryColumnOfEveryTable();
        assertThat(everything).containsKeys("domain_event_entry.payload", "domain_event_entry.meta_data",
                "api_key_lookup.secret_hash", "q_api_keys.prefix", "token_entry.token");

        // The scan reads event payloads (bytea JSON) and text columns: the hash and the display prefix are there.
        for (Map.Entry<String, String> key : secrets.entrySet()) {
            String hash = ApiKeySecrets.sha256(key.getValue());
            assertThat(everything.get("domain_event_entry.payload")).as("payload of %s", key.getKey())
                    .anySatisfy(payload -> assertThat(payload).contains(hash).contains(key.getKey()));
            assertThat(everything.get("api_key_lookup.secret_hash")).contains(hash);
            assertThat(everything.get("q_api_keys.prefix")).contains(key.getValue().substring(0, 16));
        }

        for (Map.Entry<String, List<String>> column : everything.entrySet()) {
            for (String value : column.getValue()) {
                for (String secret : secrets.values()) {
                    assertThat(value).as("%s", column.getKey()).doesNotContain(secret).doesNotContain(body(secret));
                }
            }
        }

        String log = output.getAll();
        // The capture covers the requests of this test (DEBUG request logging of Spring MVC).
        assertThat(log).contains("/v1/api-keys", "/v1/me");
        List<String> presented = new ArrayList<>(secrets.values());
        presented.add(madeUp);
        for (String secret : presented) {
            assertThat(log).doesNotContain(secret).doesNotContain(body(secret));
        }
    }

    /**
     * Database passwords (generated, rotated, and the one inside a registered connection string) are
     * in no table and no log line: prov_credentials and the registration event hold them sealed only.
     */
    @Test
    void noDatabasePasswordIsStoredOrLogged(CapturedOutput output) throws Exception {
        Org org = newOrganization("Db Secrets");
        String projectId = newProject(org.key(), "data");
        String schema = "ext_" + Long.toHexString(System.nanoTime());
        String registeredPassword = "Reg-" + ApiKeySecrets.generate().secret().substring(ApiKeySecrets.PREFIX.length(), 30);
        List<String> databases = new ArrayList<>();
        try (Connection root = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "")) {
            root.createStatement().execute("create database " + schema);
            root.createStatement().execute("create user '" + schema + "'@'%' identified by '" + registeredPassword + "'");
            root.createStatement().execute("grant all on " + schema + ".* to '" + schema + "'@'%'");
        }
        try {
            Map<String, String> passwords = new LinkedHashMap<>();
            for (String engine : List.of("postgres", "mariadb")) {
                ApiClient.Response created = api.post("/v1/databases", org.key(), Map.of("projectId", projectId,
                        "name", "db-" + engine, "engine", engine));
                assertThat(created.status()).as(created.toString()).isEqualTo(202);
                String id = created.data().get("resourceId").asText();
                databases.add(id);
                assertThat(awaitJob(org.key(), created.data().get("id").asText()).get("state").asText())
                        .as(engine).isEqualTo("completed");
                ApiClient.Response connection = api.get("/v1/databases/" + id + "/connection", org.key());
                assertThat(connection.status()).as(connection.toString()).isEqualTo(200);
                passwords.put(engine + " v1", connection.data().get("password").asText());
            }
            // Rotate the postgres one: both the old and the new password must stay out of storage.
            String rotatedId = databases.get(0);
            ApiClient.Response rotate = api.post("/v1/databases/" + rotatedId + "/credentials/rotate", org.key(), Map.of());
            assertThat(rotate.status()).as(rotate.toString()).isEqualTo(202);
            assertThat(awaitJob(org.key(), rotate.data().get("id").asText()).get("state").asText()).isEqualTo("completed");
            JsonNode rotated = api.get("/v1/databases/" + rotatedId + "/connection", org.key()).data();
            assertThat(rotated.get("credentialVersion").asInt()).isEqualTo(2);
            passwords.put("postgres v2", rotated.get("password").asText());

            String connectionString = "mariadb://" + schema + ":" + registeredPassword + "@127.0.0.1:3306/" + schema;
            ApiClient.Response registered = api.post("/v1/databases", org.key(), Map.of("projectId", projectId,
                    "name", "external", "engine", "mariadb", "connectionString", connectionString));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            String registeredId = registered.data().get("id").asText();
            databases.add(registeredId);
            ApiClient.Response registeredConnection = api.get("/v1/databases/" + registeredId + "/connection", org.key(),
                    "X-Strata-Min-Position", registered.header("X-Strata-Position"));
            assertThat(registeredConnection.status()).as(registeredConnection.toString()).isEqualTo(200);
            assertThat(registeredConnection.data().get("password").asText()).isEqualTo(registeredPassword);
            passwords.put("registered", registeredPassword);

            assertThat(passwords.values()).doesNotHaveDuplicates().allSatisfy(p -> assertThat(p).hasSizeGreaterThanOrEqualTo(16));
            // Wait for the read side so every projection has written what it will write.
            assertThat(getAfter(registered, "/v1/databases", org.key()).data()).hasSize(3);

            Map<String, List<String>> everything = readEveryColumnOfEveryTable();
            assertThat(everything).containsKeys("domain_event_entry.payload", "domain_event_entry.meta_data",
                    "prov_credentials.sealed_password");
            // The sealed values are there (the current credential of each managed database: promotion drops the
            // rotated-out version; the registered connection string in its event) ...
            assertThat(everything.get("prov_credentials.sealed_password")).hasSize(2);
            assertThat(everything.get("domain_event_entry.payload"))
                    .anySatisfy(payload -> assertThat(payload).contains("sealedConnection").contains(registeredId));
            // ... but no password in the events specifically ...
            for (Map.Entry<String, String> password : passwords.entrySet()) {
                for (String column : List.of("domain_event_entry.payload", "domain_event_entry.meta_data")) {
                    assertThat(everything.get(column)).as("%s in %s", password.getKey(), column)
                            .noneSatisfy(value -> assertThat(value).contains(password.getValue()));
                }
            }
            // ... nor anywhere else.
            for (Map.Entry<String, List<String>> column : everything.entrySet()) {
                for (String value : column.getValue()) {
                    for (Map.Entry<String, String> password : passwords.entrySet()) {
                        assertThat(value).as("%s in %s", password.getKey(), column.getKey()).doesNotContain(password.getValue());
                    }
                }
            }

            String log = output.getAll();
            assertThat(log).contains("/v1/databases");
            for (Map.Entry<String, String> password : passwords.entrySet()) {
                assertThat(log).as("%s in the log", password.getKey()).doesNotContain(password.getValue());
            }
        } finally {
            for (String id : databases) { // managed ones are dropped on the engines, the registered one forgotten
                ApiClient.Response delete = api.delete("/v1/databases/" + id, org.key());
                if (delete.status() == 202) {
                    awaitJob(org.key(), delete.data().get("id").asText());
                }
            }
            try (Connection root = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "")) {
                root.createStatement().execute("drop database if exists " + schema);
                root.createStatement().execute("drop user if exists '" + schema + "'@'%'");
            }
        }
    }

    /** The scan finds a secret wherever it is: a canary in a text column and in a bytea column. */
    @Test
    void theScanFindsASecretInTextAndByteaColumns() {
        String canary = ApiKeySecrets.generate().secret();
        jdbc.execute("create table scan_canary (t text, b bytea)");
        try {
            jdbc.update("insert into scan_canary (t, b) values (?, null), (null, ?)", "x" + canary + "y",
                    ("{\"secret\":\"" + canary + "\"}").getBytes(StandardCharsets.UTF_8));
            Map<String, List<String>> everything = readEveryColumnOfEveryTable();
            assertThat(everything.get("scan_canary.t")).anySatisfy(v -> assertThat(v).contains(canary));
            assertThat(everything.get("scan_canary.b")).anySatisfy(v -> assertThat(v).contains(canary));
        } finally {
            jdbc.execute("drop table scan_canary");
        }
    }

    /** The 40 random characters after the {@code strata_sk_} prefix: a secret stored without its prefix is still a leak. */
    private static String body(String secret) {
        return secret.substring(ApiKeySecrets.PREFIX.length());
    }

    /** Every non-null value of every column of every table in schema public, as text, keyed "table.column". */
    private Map<String, List<String>> readEveryColumnOfEveryTable() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<Map<String, Object>> columns = jdbc.queryForList("""
                select c.table_name, c.column_name, c.data_type
                from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
                order by c.table_name, c.ordinal_position""");
        assertThat(columns).isNotEmpty();
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            String from = " from \"" + table.replace("\"", "\"\"") + "\"";
            String col = "\"" + name.replace("\"", "\"\"") + "\"";
            List<String> read = "bytea".equals(column.get("data_type"))
                    ? jdbc.query("select " + col + from + " where " + col + " is not null",
                            (rs, i) -> new String(rs.getBytes(1), StandardCharsets.UTF_8))
                    : jdbc.queryForList("select " + col + "::text" + from + " where " + col + " is not null", String.class);
            values.put(table + "." + name, read);
        }
        return values;
    }
}
