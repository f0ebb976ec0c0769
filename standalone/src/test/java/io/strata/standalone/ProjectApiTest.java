package io.strata.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.ApiClient;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectApiTest extends StandaloneTest {

    @Test
    void createGetRenameListDelete() {
        Org org = newOrganization("Projects");
        ApiClient.Response created = api.post("/v1/projects", org.key(), Map.of("name", "  web  "));
        assertThat(created.status()).isEqualTo(201);
        String id = created.data().get("id").asText();
        assertThat(id).startsWith("prj_");
        assertThat(created.data().get("name").asText()).isEqualTo("web");
        assertThat(created.header("Location")).isEqualTo("/v1/projects/" + id);

        JsonNode read = getAfter(created, "/v1/projects/" + id, org.key()).data();
        assertThat(read.get("organizationId").asText()).isEqualTo(org.id());
        assertThat(read.get("createdAt").asText()).isNotEmpty();

        ApiClient.Response renamed = api.patch("/v1/projects/" + id, org.key(), Map.of("name", "api"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.data().get("name").asText()).isEqualTo("api");
        assertThat(getAfter(renamed, "/v1/projects/" + id, org.key()).data().get("name").asText()).isEqualTo("api");

        ApiClient.Response list = api.get("/v1/projects", org.key());
        assertThat(list.data()).hasSize(1);
        assertThat(list.json().at("/meta/nextCursor").isNull()).isTrue();

        ApiClient.Response deleted = api.delete("/v1/projects/" + id, org.key());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(getAfter(deleted, "/v1/projects/" + id, org.key()).status()).isEqualTo(404);
        assertThat(api.get("/v1/projects", org.key(), "X-Strata-Min-Position", deleted.header("X-Strata-Position")).data()).isEmpty();
        assertThat(api.delete("/v1/projects/" + id, org.key()).status()).isEqualTo(404);
        assertThat(api.patch("/v1/projects/" + id, org.key(), Map.of("name", "again")).status()).isEqualTo(404);
    }

    @Test
    void emptyListsAreEmptyArraysNotNull() {
        Org org = newOrganization("Empty");
        ApiClient.Response list = api.get("/v1/projects", org.key());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.data().isArray()).isTrue();
        assertThat(list.data()).isEmpty();
        assertThat(list.json().get("meta").has("nextCursor")).isTrue();
    }

    @Test
    void anotherOrganizationsProjectIsNotFound() {
        Org a = newOrganization("A");
        Org b = newOrganization("B");
        String project = newProject(a.key(), "secret-project");
        assertThat(api.get("/v1/projects/" + project, b.key()).status()).isEqualTo(404);
        assertThat(api.patch("/v1/projects/" + project, b.key(), Map.of("name", "x")).status()).isEqualTo(404);
        assertThat(api.delete("/v1/projects/" + project, b.key()).status()).isEqualTo(404);
        assertThat(api.get("/v1/projects", b.key()).data()).isEmpty();
        assertThat(api.get("/v1/projects/" + project, a.key()).status()).isEqualTo(200);
    }

    @Test
    void badNamesAreRefused() {
        Org org = newOrganization("Names");
        assertThat(api.post("/v1/projects", org.key(), Map.of("name", "")).errorCode()).isEqualTo("invalid_request");
        assertThat(api.post("/v1/projects", org.key(), Map.of()).errorCode()).isEqualTo("invalid_request");
        assertThat(api.post("/v1/projects", org.key(), Map.of("name", "x".repeat(101))).errorCode()).isEqualTo("invalid_request");
        assertThat(api.post("/v1/projects", org.key(), Map.of("name", "a\u0000b")).errorCode()).isEqualTo("invalid_request");
    }
}
