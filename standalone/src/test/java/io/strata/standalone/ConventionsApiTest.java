package io.strata.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.ApiClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** API.md's conventions: public endpoints, error shape, request ids, strict input, paging parameters. */
class ConventionsApiTest extends StandaloneTest {

    @Test
    void healthReportsTheStoreAndProcessors() {
        ApiClient.Response health = api.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("ok");
        assertThat(health.json().at("/checks/eventStore/status").asText()).isEqualTo("up");
        assertThat(health.json().at("/checks/processors").has("query.projects")).isTrue();
    }

    @Test
    void enginesAreReportedLive() {
        ApiClient.Response engines = api.get("/v1/engines", null);
        assertThat(engines.status()).isEqualTo(200);
        assertThat(engines.data()).extracting(e -> e.get("id").asText()).containsExactly("postgres", "mariadb", "sqlite");
        JsonNode postgres = engines.data().get(0);
        assertThat(postgres.get("available").asBoolean()).isTrue();
        assertThat(postgres.get("versions").get(0).asText()).matches("\\d+(\\.\\d+)*");
    }

    @Test
    void theOpenApiDocumentCoversEveryEndpointWithSecurityAndErrors() {
        ApiClient.Response doc = api.get("/v1/openapi.json", null);
        assertThat(doc.status()).isEqualTo(200);
        JsonNode paths = doc.json().get("paths");
        for (String path : List.of("/health", "/v1/engines", "/v1/organizations", "/v1/organizations/{id}", "/v1/me",
                "/v1/api-keys", "/v1/api-keys/{id}", "/v1/projects", "/v1/projects/{id}")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        JsonNode createProject = paths.at("/~1v1~1projects/post");
        assertThat(createProject.at("/security/0").has("apiKey")).isTrue();
        assertThat(createProject.at("/responses").has("403")).isTrue();
        assertThat(createProject.at("/responses/401/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ErrorBody");
        assertThat(paths.at("/~1v1~1organizations/post/security/0").has("operatorToken")).isTrue();
        assertThat(paths.at("/~1health/get").has("security")).isFalse();
        // The Caller is injected, never a request parameter.
        assertThat(doc.raw()).doesNotContain("\"caller\"");
    }

    @Test
    void everyResponseCarriesARequestId() {
        ApiClient.Response ok = api.get("/health", null);
        assertThat(ok.header("X-Request-Id")).startsWith("req_");
        ApiClient.Response error = api.get("/v1/projects", null, "X-Request-Id", "client-123");
        assertThat(error.status()).isEqualTo(401);
        assertThat(error.header("X-Request-Id")).isEqualTo("client-123");
        assertThat(api.get("/v1/nothing-here", null).header("X-Request-Id")).isNotNull();
        // An unsafe id is replaced, never echoed.
        assertThat(api.get("/health", null, "X-Request-Id", "a b<script>").header("X-Request-Id")).startsWith("req_");
    }

    @Test
    void authenticationFailuresAre401WithACode() {
        assertThat(api.get("/v1/projects", null).errorCode()).isEqualTo("missing_api_key");
        assertThat(api.get("/v1/projects", "strata_sk_" + "0".repeat(40)).errorCode()).isEqualTo("invalid_api_key");
        assertThat(api.get("/v1/projects", "garbage").errorCode()).isEqualTo("invalid_api_key");
        ApiClient.Response response = api.get("/v1/projects", null);
        assertThat(response.json().at("/error/message").asText()).isNotBlank();
    }

    @Test
    void badInputIsA4xxWithACodeNeverA500() {
        Org org = newOrganization("Input");
        String key = org.key();
        assertThat(api.post("/v1/projects", key, "{not json").errorCode()).isEqualTo("malformed_json");
        assertThat(api.post("/v1/projects", key, "{\"name\": 5}").errorCode()).isEqualTo("invalid_request");
        assertThat(api.post("/v1/projects", key, "{\"name\": \"a\", \"colour\": \"red\"}").errorCode()).isEqualTo("unknown_field");
        assertThat(api.post("/v1/projects", key, "[]").status()).isEqualTo(400);
        assertThat(api.post("/v1/projects", key, "").status()).isEqualTo(400);
        assertThat(api.post("/v1/api-keys", key, "{\"name\": \"k\", \"scopes\": \"projects:read\"}").status()).isEqualTo(400);
        assertThat(api.post("/v1/api-keys", key, "{\"name\": \"k\", \"scopes\": [\"projects:read\"], \"expiresAt\": \"tomorrow\"}")
                .errorCode()).isEqualTo("invalid_request");
        assertThat(api.get("/v1/projects?limit=0", key).errorCode()).isEqualTo("invalid_limit");
        assertThat(api.get("/v1/projects?limit=501", key).errorCode()).isEqualTo("invalid_limit");
        assertThat(api.get("/v1/projects?limit=abc", key).errorCode()).isEqualTo("invalid_parameter");
        assertThat(api.get("/v1/projects?cursor=%25%25", key).status()).isEqualTo(400);
        assertThat(api.get("/v1/projects?cursor=bm9wZQ", key).errorCode()).isEqualTo("invalid_cursor");
        assertThat(api.get("/v1/projects", key, "X-Strata-Min-Position", "soon").errorCode()).isEqualTo("invalid_position");
        assertThat(api.send("PUT", "/v1/projects", key, Map.of("name", "x")).errorCode()).isEqualTo("method_not_allowed");
        ApiClient.Response text = api.send("POST", "/v1/projects", key, null, "Content-Type", "text/plain");
        assertThat(text.status()).isBetween(400, 415);
        assertThat(api.get("/v1/nothing-here", key).errorCode()).isEqualTo("not_found");
    }

    @Test
    void writesReportTheirPositionAndReadsCanWaitForIt() {
        Org org = newOrganization("Positions");
        ApiClient.Response created = api.post("/v1/projects", org.key(), Map.of("name", "p"));
        long position = Long.parseLong(created.header("X-Strata-Position"));
        assertThat(position).isPositive();
        ApiClient.Response second = api.post("/v1/projects", org.key(), Map.of("name", "q"));
        assertThat(Long.parseLong(second.header("X-Strata-Position"))).isGreaterThan(position);
        assertThat(getAfter(second, "/v1/projects", org.key()).data()).hasSize(2);
    }
}
