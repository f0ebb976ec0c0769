package io.strata.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.ApiClient;
import io.strata.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strata as it is deployed: three processes sharing one event store, one base URL in front. What only
 * this test can show: the gateway routes each request to the process that serves it, a write in one
 * process is readable in another with the read-your-writes position, and a revoked key is refused by
 * every process at once (they share the authentication table, not a cache).
 */
class SplitDeploymentIT {
    private static final String ADMIN_TOKEN = "acceptance-" + UUID.randomUUID();

    private static SplitDeployment deployment;

    /** Any failed test prints the end of every process's log before the processes are stopped. */
    @RegisterExtension
    static final FailedTests FAILED = new FailedTests();

    @BeforeAll
    static void startSplitDeployment() throws Exception {
        Path nginx = SplitDeployment.requireNginx();
        String database = TestDatabase.fresh();
        TestDatabase.Server server = TestDatabase.server();

        deployment = SplitDeployment.inWorkDir();
        try {
            deployment.start(nginx, database, server.user(), server.password(), ADMIN_TOKEN);
            deployment.awaitHealthy(Duration.ofSeconds(90));
        } catch (Exception | Error e) {
            FAILED.record(); // @AfterAll still runs: it prints the logs and stops what was started
            throw e;
        }
    }

    @AfterAll
    static void stopSplitDeployment() {
        if (deployment == null) {
            return;
        }
        try {
            if (FAILED.any()) {
                deployment.printLogs(150);
            }
        } finally {
            deployment.close();
        }
    }

    @Test
    void aTenantWorksThroughTheGatewayAndARevokedKeyIsRefusedByEveryProcessAtOnce() {
        ApiClient gateway = new ApiClient(deployment.gateway.url());
        ApiClient command = new ApiClient(deployment.command.url());
        ApiClient query = new ApiClient(deployment.query.url());
        ApiClient provisioner = new ApiClient(deployment.provisioner.url());

        // The operator creates an organization: a write, routed to command-service. The client's
        // request id travels through the gateway to the service and back.
        String requestId = "acceptance-" + UUID.randomUUID();
        ApiClient.Response org = gateway.post("/v1/organizations", ADMIN_TOKEN, Map.of("name", "Acme Split"),
                "X-Request-Id", requestId);
        assertThat(org.status()).as("POST /v1/organizations: %s", org).isEqualTo(201);
        assertThat(org.header("X-Request-Id")).isEqualTo(requestId);
        assertThat(org.data().at("/organization/id").asText()).startsWith("org_");
        String key = org.data().at("/apiKey/secret").asText();
        assertThat(key).startsWith("strata_sk_");

        // A project, written by command-service and read back by query-service: the write position
        // makes the read wait for the projection in the other process.
        ApiClient.Response project = gateway.post("/v1/projects", key, Map.of("name", "web"));
        assertThat(project.status()).as("POST /v1/projects: %s", project).isEqualTo(201);
        String projectId = project.data().get("id").asText();
        String position = project.header("X-Strata-Position");
        assertThat(position).as("write position header").isNotBlank();

        ApiClient.Response read = gateway.get("/v1/projects/" + projectId, key, "X-Strata-Min-Position", position);
        assertThat(read.status()).as("GET /v1/projects/{id} after the write: %s", read).isEqualTo(200);
        assertThat(read.data().get("id").asText()).isEqualTo(projectId);
        assertThat(read.data().get("name").asText()).isEqualTo("web");

        ApiClient.Response list = gateway.get("/v1/projects", key, "X-Strata-Min-Position", position);
        assertThat(list.status()).as("GET /v1/projects: %s", list).isEqualTo(200);
        assertThat(ids(list.data())).containsExactly(projectId);

        // The public engine list is served by provisioner-saga only: a 200 through the gateway shows that route.
        ApiClient.Response engines = gateway.get("/v1/engines", null);
        assertThat(engines.status()).as("GET /v1/engines: %s", engines).isEqualTo(200);
        assertThat(ids(engines.data())).contains("postgres", "mariadb", "sqlite");

        // A second key, used once so we know it worked before it was revoked.
        ApiClient.Response second = gateway.post("/v1/api-keys", key,
                Map.of("name", "ci", "scopes", List.of("organizations:read", "projects:read", "projects:write")));
        assertThat(second.status()).as("POST /v1/api-keys: %s", second).isEqualTo(201);
        String secondId = second.data().get("id").asText();
        String secondKey = second.data().get("secret").asText();
        assertThat(query.get("/v1/me", secondKey).status()).as("the new key on query-service").isEqualTo(200);
        // On provisioner-saga the key is accepted (then refused for scope or a missing database, not for the key).
        String dataPlane = "/v1/databases/db_" + UUID.randomUUID().toString().replace("-", "") + "/connection";
        ApiClient.Response beforeRevoke = provisioner.get(dataPlane, secondKey);
        assertThat(beforeRevoke.status()).as("the new key on provisioner-saga: %s", beforeRevoke).isIn(403, 404);

        ApiClient.Response revoked = gateway.delete("/v1/api-keys/" + secondId, key);
        assertThat(revoked.status()).as("DELETE /v1/api-keys/{id}: %s", revoked).isEqualTo(204);

        // Refused at once (no wait, no retry) by each process directly, and through the gateway.
        ApiClient.Response me = query.get("/v1/me", secondKey);
        assertThat(me.status()).as("revoked key, GET /v1/me on query-service: %s", me).isEqualTo(401);
        assertThat(me.errorCode()).isEqualTo("api_key_revoked");
        ApiClient.Response write = command.post("/v1/projects", secondKey, Map.of("name", "after-revoke"));
        assertThat(write.status()).as("revoked key, POST /v1/projects on command-service: %s", write).isEqualTo(401);
        assertThat(write.errorCode()).isEqualTo("api_key_revoked");
        assertThat(gateway.get("/v1/projects", secondKey).status()).as("revoked key through the gateway").isEqualTo(401);
        ApiClient.Response dataPlaneRead = provisioner.get(dataPlane, secondKey);
        assertThat(dataPlaneRead.status()).as("revoked key, GET %s on provisioner-saga: %s", dataPlane, dataPlaneRead)
                .isEqualTo(401);
        assertThat(dataPlaneRead.errorCode()).isEqualTo("api_key_revoked");

        // The revocation hit only that key.
        assertThat(gateway.get("/v1/me", key).status()).as("the first key still works").isEqualTo(200);

        for (ApiClient process : List.of(command, query, provisioner, gateway)) {
            assertThat(process.get("/health", null).status()).isEqualTo(200);
        }
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get("id").asText()).toList();
    }
}
