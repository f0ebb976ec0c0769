package io.strata.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.ApiClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Organizations and API keys over HTTP: creation, scopes, project scoping, revocation, expiry, lastUsedAt. */
class IdentityApiTest extends StandaloneTest {

    @Test
    void operatorCreatesAnOrganizationWhoseFirstKeyHoldsEveryScope() {
        ApiClient.Response created = api.post("/v1/organizations", OPERATOR_TOKEN, Map.of("name", "Acme"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode data = created.data();
        String orgId = data.at("/organization/id").asText();
        assertThat(orgId).startsWith("org_");
        assertThat(created.header("Location")).isEqualTo("/v1/organizations/" + orgId);
        assertThat(data.at("/organization/name").asText()).isEqualTo("Acme");
        String secret = data.at("/apiKey/secret").asText();
        assertThat(secret).startsWith("strata_sk_").hasSize("strata_sk_".length() + 40);
        assertThat(data.at("/apiKey/scopes")).hasSize(15);

        ApiClient.Response me = api.get("/v1/me", secret);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.data().at("/apiKey/id").asText()).isEqualTo(data.at("/apiKey/id").asText());
        assertThat(me.data().at("/organization/id").asText()).isEqualTo(orgId);

        // The same key works as X-API-Key.
        assertThat(api.get("/v1/me", null, "X-API-Key", secret).status()).isEqualTo(200);

        ApiClient.Response org = getAfter(created, "/v1/organizations/" + orgId, secret);
        assertThat(org.data().get("name").asText()).isEqualTo("Acme");
    }

    @Test
    void onlyTheOperatorCreatesOrganizations() {
        Org org = newOrganization("Tenant");
        ApiClient.Response byKey = api.post("/v1/organizations", org.key(), Map.of("name", "Other"));
        assertThat(byKey.status()).isEqualTo(403);
        assertThat(byKey.errorCode()).isEqualTo("operator_only");
        assertThat(api.post("/v1/organizations", "wrong-token", Map.of("name", "X")).status()).isEqualTo(401);
        assertThat(api.post("/v1/organizations", null, Map.of("name", "X")).status()).isEqualTo(401);
        // The operator token does not act inside an organization.
        assertThat(api.get("/v1/projects", OPERATOR_TOKEN).errorCode()).isEqualTo("api_key_required");
    }

    @Test
    void organizationRenameIsScopedToTheCallersOrganization() {
        Org a = newOrganization("A");
        Org b = newOrganization("B");
        ApiClient.Response renamed = api.patch("/v1/organizations/" + a.id(), a.key(), Map.of("name", "A2"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.data().get("name").asText()).isEqualTo("A2");
        assertThat(getAfter(renamed, "/v1/organizations/" + a.id(), a.key()).data().get("name").asText()).isEqualTo("A2");
        assertThat(api.patch("/v1/organizations/" + a.id(), b.key(), Map.of("name", "stolen")).status()).isEqualTo(404);
        assertThat(api.get("/v1/organizations/" + a.id(), b.key()).status()).isEqualTo(404);
    }

    @Test
    void keysAreListedWithoutSecretsAndCursorPaged() {
        Org org = newOrganization("Keys");
        List<String> ids = new ArrayList<>();
        ids.add(org.keyId());
        ApiClient.Response last = null;
        for (int i = 0; i < 4; i++) {
            last = api.post("/v1/api-keys", org.key(), Map.of("name", "k" + i, "scopes", List.of("projects:read")));
            assertThat(last.status()).isEqualTo(201);
            assertThat(last.header("Location")).isEqualTo("/v1/api-keys/" + last.data().get("id").asText());
            ids.add(last.data().get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            ApiClient.Response page = api.get("/v1/api-keys?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    org.key(), "X-Strata-Min-Position", last.header("X-Strata-Position"));
            assertThat(page.status()).isEqualTo(200);
            page.data().forEach(k -> {
                seen.add(k.get("id").asText());
                assertThat(k.has("secret")).isFalse();
                assertThat(k.get("prefix").asText()).startsWith("strata_sk_").hasSize(16);
            });
            JsonNode next = page.json().at("/meta/nextCursor");
            cursor = next.isNull() ? null : next.asText();
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(ids);

        JsonNode one = api.get("/v1/api-keys/" + ids.get(1), org.key()).data();
        assertThat(one.get("name").asText()).isEqualTo("k0");
        assertThat(one.get("scopes")).hasSize(1);
        assertThat(one.has("lastUsedAt")).isTrue();
        assertThat(one.get("revokedAt").isNull()).isTrue();
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        Org org = newOrganization("Revoke");
        ApiClient.Response created = api.post("/v1/api-keys", org.key(), Map.of("name", "ci", "scopes", List.of("projects:read")));
        String keyId = created.data().get("id").asText();
        String secret = created.data().get("secret").asText();
        assertThat(api.get("/v1/projects", secret).status()).isEqualTo(200);

        ApiClient.Response revoked = api.delete("/v1/api-keys/" + keyId, org.key());
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(revoked.header("X-Strata-Position")).isNotNull();
        ApiClient.Response refused = api.get("/v1/projects", secret);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("api_key_revoked");
        // Idempotent, and visible on the read side.
        assertThat(api.delete("/v1/api-keys/" + keyId, org.key()).status()).isEqualTo(204);
        assertThat(getAfter(revoked, "/v1/api-keys/" + keyId, org.key()).data().get("revokedAt").isNull()).isFalse();
    }

    @Test
    void anExpiredKeyIsRefused() {
        Org org = newOrganization("Expiry");
        String secret = newKey(org.key(), Map.of("name", "short", "scopes", List.of("projects:read"),
                "expiresAt", Instant.now().plusSeconds(2).toString()));
        assertThat(api.get("/v1/projects", secret).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(api.get("/v1/projects", secret).errorCode()).isEqualTo("api_key_expired"));
        ApiClient.Response past = api.post("/v1/api-keys", org.key(), Map.of("name", "past",
                "scopes", List.of("projects:read"), "expiresAt", "2020-01-01T00:00:00Z"));
        assertThat(past.status()).isEqualTo(400);
    }

    @Test
    void scopesAreEnforcedAndCannotBeEscalated() {
        Org org = newOrganization("Scopes");
        String reader = newKey(org.key(), Map.of("name", "reader", "scopes", List.of("projects:read", "api_keys:write")));
        ApiClient.Response write = api.post("/v1/projects", reader, Map.of("name", "p"));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.errorCode()).isEqualTo("insufficient_scope");
        ApiClient.Response escalate = api.post("/v1/api-keys", reader, Map.of("name", "more", "scopes", List.of("projects:write")));
        assertThat(escalate.status()).isEqualTo(403);
        assertThat(escalate.errorCode()).isEqualTo("scope_escalation");
        ApiClient.Response unknown = api.post("/v1/api-keys", org.key(), Map.of("name", "x", "scopes", List.of("root")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("unknown_scope");
        assertThat(api.post("/v1/api-keys", org.key(), Map.of("name", "x", "scopes", List.of())).status()).isEqualTo(400);
    }

    @Test
    void aProjectScopedKeySeesOnlyItsProject() {
        Org org = newOrganization("Scoped");
        String mine = newProject(org.key(), "mine");
        String other = newProject(org.key(), "other");
        ApiClient.Response forbidden = api.post("/v1/api-keys", org.key(), Map.of("name", "bad", "projectId", mine,
                "scopes", List.of("projects:read", "api_keys:write")));
        assertThat(forbidden.status()).isEqualTo(400);
        assertThat(forbidden.errorCode()).isEqualTo("invalid_scope_for_project_key");

        ApiClient.Response created = api.post("/v1/api-keys", org.key(), Map.of("name", "scoped", "projectId", mine,
                "scopes", List.of("projects:read", "projects:write", "api_keys:read")));
        assertThat(created.status()).isEqualTo(201);
        String scoped = created.data().get("secret").asText();

        ApiClient.Response list = getAfter(created, "/v1/projects", scoped);
        assertThat(list.data()).hasSize(1);
        assertThat(list.data().get(0).get("id").asText()).isEqualTo(mine);
        assertThat(api.get("/v1/projects/" + mine, scoped).status()).isEqualTo(200);
        assertThat(api.get("/v1/projects/" + other, scoped).status()).isEqualTo(404);
        assertThat(api.patch("/v1/projects/" + other, scoped, Map.of("name", "x")).status()).isEqualTo(404);
        assertThat(api.delete("/v1/projects/" + other, scoped).status()).isEqualTo(404);
        assertThat(api.post("/v1/projects", scoped, Map.of("name", "new")).errorCode()).isEqualTo("project_scoped_key");
        // It sees only the keys of its project.
        assertThat(api.get("/v1/api-keys", scoped).data()).allSatisfy(k -> assertThat(k.get("projectId").asText()).isEqualTo(mine));
        assertThat(api.get("/v1/api-keys/" + org.keyId(), scoped).status()).isEqualTo(404);

        // A key for a project of another organization is refused as unknown.
        Org stranger = newOrganization("Stranger");
        assertThat(api.post("/v1/api-keys", stranger.key(), Map.of("name", "x", "projectId", mine,
                "scopes", List.of("projects:read"))).status()).isEqualTo(404);
    }

    @Test
    void lastUsedAtIsRecordedWithoutAnEventPerRequest() {
        Org org = newOrganization("Usage");
        long eventsBefore = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/v1/me", org.key()).status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(api.get("/v1/api-keys/" + org.keyId(), org.key()).data().get("lastUsedAt").isNull()).isFalse());
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class)).isEqualTo(eventsBefore);
    }

    @Test
    void anotherOrganizationsKeysAreNotFound() {
        Org a = newOrganization("A");
        Org b = newOrganization("B");
        assertThat(api.get("/v1/api-keys/" + a.keyId(), b.key()).status()).isEqualTo(404);
        assertThat(api.delete("/v1/api-keys/" + a.keyId(), b.key()).status()).isEqualTo(404);
        assertThat(api.get("/v1/me", a.key()).status()).isEqualTo(200);
        assertThat(api.get("/v1/api-keys/key_doesnotexist", b.key()).status()).isEqualTo(404);
        assertThat(api.delete("/v1/api-keys/key_doesnotexist", b.key()).status()).isEqualTo(404);
    }
}
