package io.strata.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.ApiClient;
import io.strata.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the HTTP tests: the standalone on a random port over a fresh PostgreSQL database per
 * test class. The context is closed after each class so only one Strata is in memory at a time.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "strata.admin-token=" + StandaloneTest.OPERATOR_TOKEN,
                "strata.api-keys.last-used-flush-interval=200ms",
                "strata.engines.sqlite.data-dir=target/sqlite-test-data"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class StandaloneTest {
    public static final String OPERATOR_TOKEN = "operator-token-for-tests";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestDatabase.fresh();
        TestDatabase.Server server = TestDatabase.server();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", server::user);
        registry.add("spring.datasource.password", server::password);
        // Managed PostgreSQL databases live on a server that checks passwords (.ci/start-scram-postgres.sh),
        // so "the old password is refused" is a real test.
        registry.add("strata.engines.postgres.admin-url", () -> env("STRATA_TEST_SCRAM_PG_URL", "jdbc:postgresql://127.0.0.1:5433/postgres"));
        registry.add("strata.engines.postgres.admin-password", () -> env("STRATA_TEST_SCRAM_PG_PASSWORD", "strata-admin"));
        registry.add("strata.secrets-key", StandaloneTest::randomKey);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    @LocalServerPort
    int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    /** An organization created by the operator, with its first (all-scopes) key. */
    public record Org(String id, String keyId, String key) {
    }

    protected Org newOrganization(String name) {
        ApiClient.Response created = api.post("/v1/organizations", OPERATOR_TOKEN, Map.of("name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode data = created.data();
        return new Org(data.at("/organization/id").asText(), data.at("/apiKey/id").asText(),
                data.at("/apiKey/secret").asText());
    }

    /** Creates a key in the caller's organization and returns its secret. */
    protected String newKey(String callerKey, Map<String, Object> body) {
        ApiClient.Response created = api.post("/v1/api-keys", callerKey, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.data().get("secret").asText();
    }

    /** Polls a job until it is completed or failed (the API offers no push besides webhooks). */
    protected com.fasterxml.jackson.databind.JsonNode awaitJob(String key, String jobId) {
        var holder = new com.fasterxml.jackson.databind.JsonNode[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(100)).until(() -> {
                    ApiClient.Response job = api.get("/v1/jobs/" + jobId, key);
                    holder[0] = job.data();
                    return job.status() == 200 && (holder[0].get("state").asText().equals("completed")
                            || holder[0].get("state").asText().equals("failed"));
                });
        return holder[0];
    }

    protected String newProject(String key, String name) {
        ApiClient.Response created = api.post("/v1/projects", key, Map.of("name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.data().get("id").asText();
    }

    /** A GET that reads its own write: waits for the read side to reach the write's position. */
    protected ApiClient.Response getAfter(ApiClient.Response write, String path, String key) {
        String position = write.header("X-Strata-Position");
        assertThat(position).as("write position of " + write).isNotNull();
        return api.get(path, key, "X-Strata-Min-Position", position);
    }
}
