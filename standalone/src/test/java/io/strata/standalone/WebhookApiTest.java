package io.strata.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.ApiClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhook endpoints over HTTP: create (secret once), read, update, rotate, delete, and the target policy. */
class WebhookApiTest extends StandaloneTest {

    @Test
    void endpointLifecycle() {
        Org org = newOrganization("Hooks");
        ApiClient.Response created = api.post("/v1/webhooks", org.key(), Map.of("url", "https://hooks.example.com/strata",
                "events", List.of("job.completed", "database.ready", "job.completed"), "description", "ops"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode hook = created.data();
        String id = hook.get("id").asText();
        assertThat(id).startsWith("wh_");
        assertThat(hook.get("secret").asText()).startsWith("whsec_");
        assertThat(hook.get("events")).hasSize(2);
        assertThat(created.header("Location")).isEqualTo("/v1/webhooks/" + id);

        JsonNode read = getAfter(created, "/v1/webhooks/" + id, org.key()).data();
        assertThat(read.has("secret")).isFalse();
        assertThat(read.get("enabled").asBoolean()).isTrue();
        assertThat(read.get("url").asText()).isEqualTo("https://hooks.example.com/strata");

        ApiClient.Response updated = api.patch("/v1/webhooks/" + id, org.key(), Map.of("enabled", false, "events", List.of("webhook.test")));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.data().get("enabled").asBoolean()).isFalse();
        assertThat(getAfter(updated, "/v1/webhooks/" + id, org.key()).data().get("events").get(0).asText()).isEqualTo("webhook.test");
        assertThat(api.post("/v1/webhooks/" + id + "/test", org.key(), Map.of()).errorCode()).isEqualTo("webhook_disabled");

        ApiClient.Response rotated = api.post("/v1/webhooks/" + id + "/rotate-secret", org.key(), Map.of());
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.data().get("secret").asText()).startsWith("whsec_").isNotEqualTo(hook.get("secret").asText());
        assertThat(rotated.data().get("previousSecretExpiresAt").asText()).isNotEmpty();

        assertThat(api.get("/v1/webhooks", org.key()).data()).hasSize(1);
        ApiClient.Response deleted = api.delete("/v1/webhooks/" + id, org.key());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(getAfter(deleted, "/v1/webhooks/" + id, org.key()).status()).isEqualTo(404);
        assertThat(api.delete("/v1/webhooks/" + id, org.key()).status()).isEqualTo(404);
    }

    @Test
    void badInputAndOtherTenantsAreRefused() {
        Org a = newOrganization("A");
        Org b = newOrganization("B");
        assertThat(api.post("/v1/webhooks", a.key(), Map.of("url", "https://x.example.com", "events", List.of("job.done")))
                .errorCode()).isEqualTo("unknown_event_type");
        assertThat(api.post("/v1/webhooks", a.key(), Map.of("url", "https://x.example.com", "events", List.of())).errorCode())
                .isEqualTo("invalid_request");
        assertThat(api.post("/v1/webhooks", a.key(), Map.of("url", "not a url", "events", List.of("job.completed"))).errorCode())
                .isEqualTo("invalid_webhook_url");
        assertThat(api.post("/v1/webhooks", a.key(), Map.of("url", "https://user:pw@x.example.com/", "events", List.of("job.completed")))
                .errorCode()).isEqualTo("invalid_webhook_url");
        assertThat(api.post("/v1/webhooks", a.key(), Map.of("url", "ftp://x.example.com/", "events", List.of("job.completed")))
                .errorCode()).isEqualTo("invalid_webhook_url");

        String id = api.post("/v1/webhooks", a.key(), Map.of("url", "https://x.example.com/h", "events", List.of("job.completed")))
                .data().get("id").asText();
        assertThat(api.get("/v1/webhooks/" + id, b.key()).status()).isEqualTo(404);
        assertThat(api.patch("/v1/webhooks/" + id, b.key(), Map.of("enabled", false)).status()).isEqualTo(404);
        assertThat(api.delete("/v1/webhooks/" + id, b.key()).status()).isEqualTo(404);
        assertThat(api.post("/v1/webhooks/" + id + "/rotate-secret", b.key(), Map.of()).status()).isEqualTo(404);
        assertThat(api.post("/v1/webhooks/" + id + "/test", b.key(), Map.of()).status()).isEqualTo(404);
        assertThat(api.get("/v1/webhooks/" + id + "/deliveries", b.key()).status()).isEqualTo(404);
        assertThat(api.post("/v1/webhooks/" + id + "/deliveries/dlv_unknown/redeliver", a.key(), Map.of()).status()).isEqualTo(404);
        assertThat(api.get("/v1/webhooks", b.key()).data()).isEmpty();
    }
}
