package io.strata.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.ApiClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The audit log, resource history and tamper evidence. */
class AuditApiTest extends StandaloneTest {

    private List<JsonNode> auditLog(String key, String query) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            ApiClient.Response page = api.get("/v1/audit-log?limit=100" + query + (cursor == null ? "" : "&cursor=" + cursor), key);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.data().forEach(all::add);
            JsonNode next = page.json().at("/meta/nextCursor");
            cursor = next.isNull() ? null : next.asText();
        } while (cursor != null);
        return all;
    }

    /** Waits until the projection is running and has processed the store up to head. */
    private void awaitRunningAt(String name, long head) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode projection = null;
            for (JsonNode p : api.get("/v1/admin/projections", OPERATOR_TOKEN).data()) {
                if (p.get("name").asText().equals(name)) {
                    projection = p;
                }
            }
            assertThat(projection).isNotNull();
            assertThat(projection.get("state").asText()).isEqualTo("running");
            assertThat(projection.get("position").asLong()).isGreaterThanOrEqualTo(head);
        });
    }

    @Test
    void everyChangeIsAuditedWithItsActorAndRequestAndTheChainDetectsTampering() {
        Org org = newOrganization("Audited");
        String key = org.key();
        String project = api.post("/v1/projects", key, Map.of("name", "p"), "X-Request-Id", "req-project").data().get("id").asText();
        ApiClient.Response keyCreated = api.post("/v1/api-keys", key, Map.of("name", "k", "scopes", List.of("projects:read")),
                "X-Request-Id", "req-key");
        String keyId = keyCreated.data().get("id").asText();
        api.delete("/v1/api-keys/" + keyId, key, "X-Request-Id", "req-revoke");
        ApiClient.Response db = api.post("/v1/databases", key, Map.of("projectId", project, "name", "d", "engine", "sqlite"),
                "X-Request-Id", "req-db");
        String jobId = db.data().get("id").asText();
        String databaseId = db.data().get("resourceId").asText();
        assertThat(awaitJob(key, jobId).get("state").asText()).isEqualTo("completed");
        String webhookId = api.post("/v1/webhooks", key, Map.of("url", "https://audit.example.com/h", "events", List.of("job.completed")),
                "X-Request-Id", "req-webhook").data().get("id").asText();
        ApiClient.Response last = api.patch("/v1/projects/" + project, key, Map.of("name", "p2"), "X-Request-Id", "req-rename");

        await().atMost(Duration.ofSeconds(10)).until(() -> auditLog(key, "").stream()
                .anyMatch(e -> e.get("type").asText().equals("ProjectRenamed")));
        List<JsonNode> entries = auditLog(key, "");
        // Store order, every resource type, the acting key and the request id of the call that caused each.
        assertThat(entries).extracting(e -> e.get("position").asLong()).isSorted();
        assertThat(entries).extracting(e -> e.get("resourceType").asText())
                .contains("organization", "api_key", "project", "database", "job", "webhook");
        JsonNode projectCreated = entries.stream().filter(e -> e.get("type").asText().equals("ProjectCreated")).findFirst().orElseThrow();
        assertThat(projectCreated.at("/actor/type").asText()).isEqualTo("api_key");
        assertThat(projectCreated.at("/actor/id").asText()).isEqualTo(org.keyId());
        assertThat(projectCreated.get("requestId").asText()).isEqualTo("req-project");
        assertThat(projectCreated.at("/data/name").asText()).isEqualTo("p");
        JsonNode keyEvent = entries.stream().filter(e -> e.get("type").asText().equals("ApiKeyCreated")
                && e.get("resourceId").asText().equals(keyId)).findFirst().orElseThrow();
        assertThat(keyEvent.get("requestId").asText()).isEqualTo("req-key");
        assertThat(keyEvent.get("data").has("secretHash")).isFalse();
        // Events caused by the system on behalf of a request keep that request's id (the job of req-db).
        assertThat(entries.stream().filter(e -> e.get("resourceId").asText().equals(jobId)).toList())
                .isNotEmpty().allSatisfy(e -> assertThat(e.get("requestId").asText()).isEqualTo("req-db"));
        assertThat(entries.stream().filter(e -> e.get("resourceId").asText().equals(webhookId)).findFirst().orElseThrow()
                .get("data").has("sealedSecret")).isFalse();
        assertThat(auditLog(key, "&resourceId=" + databaseId)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("resourceId").asText()).isEqualTo(databaseId));
        assertThat(auditLog(key, "&type=ApiKeyRevoked")).hasSize(1);
        assertThat(auditLog(key, "&actorId=" + org.keyId())).isNotEmpty();

        // History straight from the event store, oldest first.
        for (String path : List.of("/v1/databases/" + databaseId, "/v1/projects/" + project, "/v1/api-keys/" + keyId,
                "/v1/webhooks/" + webhookId, "/v1/jobs/" + jobId)) {
            ApiClient.Response history = api.get(path + "/history", key);
            assertThat(history.status()).as(path + " " + history).isEqualTo(200);
            assertThat(history.data()).isNotEmpty();
            assertThat(history.data()).extracting(e -> e.get("position").asLong()).isSorted();
        }
        assertThat(api.get("/v1/databases/" + databaseId + "/history", key).data().get(0).get("type").asText())
                .isEqualTo("DatabaseCreationRequested");

        // A clean store verifies; editing one stored payload is found at its position.
        JsonNode clean = api.get("/v1/audit-log/verify", key).data();
        assertThat(clean.get("ok").asBoolean()).as(clean.toString()).isTrue();
        assertThat(clean.get("checkedEvents").asLong()).isEqualTo(entries.size());
        assertThat(clean.get("firstBadPosition").isNull()).isTrue();
        long tampered = projectCreated.get("position").asLong();
        jdbc.update("update domain_event_entry set payload = convert_to(replace(convert_from(payload, 'UTF8'), '\"p\"', '\"evil\"'), 'UTF8') "
                + "where global_index = ?", tampered);
        JsonNode broken = api.get("/v1/audit-log/verify", key).data();
        assertThat(broken.get("ok").asBoolean()).isFalse();
        assertThat(broken.get("firstBadPosition").asLong()).isEqualTo(tampered);
    }

    @Test
    void theOperatorSeesEveryProjectionAndReplaysOneToTheSameRows() {
        Org org = newOrganization("Replay");
        for (int i = 0; i < 5; i++) {
            newProject(org.key(), "p" + i);
        }
        ApiClient.Response last = api.patch("/v1/projects/" + newProject(org.key(), "x"), org.key(), Map.of("name", "y"));
        assertThat(getAfter(last, "/v1/projects", org.key()).data()).hasSize(6);
        List<String> before = jdbc.queryForList("select t::text from q_projects t order by t::text", String.class);

        ApiClient.Response listed = api.get("/v1/admin/projections", OPERATOR_TOKEN);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.data()).extracting(p -> p.get("name").asText()).contains("query.projects", "query.audit-log");
        assertThat(api.get("/v1/admin/projections", org.key()).errorCode()).isEqualTo("operator_only");
        assertThat(api.post("/v1/admin/projections/query.nothing/replay", OPERATOR_TOKEN, Map.of()).status()).isEqualTo(404);

        ApiClient.Response replay = api.post("/v1/admin/projections/query.projects/replay", OPERATOR_TOKEN, Map.of());
        assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        // The request is carried out: the table was emptied and rebuilt, and the projection runs again.
        awaitRunningAt("query.projects", head);
        assertThat(jdbc.queryForObject("select count(*) from q_replay_requests where processor = 'query.projects' "
                + "and done_at is not null", Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForList("select t::text from q_projects t order by t::text", String.class)).isEqualTo(before);
    }

    @Test
    void anotherOrganizationsAuditLogAndHistoryAreInvisible() {
        Org a = newOrganization("A");
        Org b = newOrganization("B");
        ApiClient.Response created = api.post("/v1/projects", a.key(), Map.of("name", "mine"));
        String project = created.data().get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> !auditLog(a.key(), "&resourceId=" + project).isEmpty());
        assertThat(auditLog(b.key(), "")).noneMatch(e -> e.toString().contains(a.id()));
        assertThat(auditLog(b.key(), "&resourceId=" + project)).isEmpty();
        assertThat(api.get("/v1/projects/" + project + "/history", b.key()).status()).isEqualTo(404);
        assertThat(api.get("/v1/organizations-x/" + project + "/history", a.key()).status()).isEqualTo(404);
        assertThat(api.get("/v1/databases/" + project + "/history", a.key()).status()).isEqualTo(404);
        assertThat(api.get("/v1/audit-log/verify", b.key()).data().get("ok").asBoolean()).isTrue();
    }

    @Test
    void interleavedOrganizationsEachKeepAVerifiableChainLiveAndAfterAReplay() {
        // The audit log is written per processor batch; a replay puts both organizations' events,
        // interleaved, into the same batches, each linking from its own organization's previous row.
        Org a = newOrganization("Chain A");
        Org b = newOrganization("Chain B");
        for (int i = 0; i < 40; i++) {
            for (Org org : List.of(a, b)) {
                String project = newProject(org.key(), "p" + i);
                assertThat(api.patch("/v1/projects/" + project, org.key(), Map.of("name", "q" + i)).status()).isEqualTo(200);
            }
        }
        long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        awaitRunningAt("query.audit-log", head);
        assertThat(auditRows(a, b)).hasSizeGreaterThan(160);
        assertChainsVerifyLiveAndAfterAReplay(head, a, b);
    }

    @Test
    void concurrentWritesAreAllAuditedThoughTheyCommitOutOfOrder() throws Exception {
        // Writers racing each other commit events out of store order: a processor then meets an event
        // below positions it has passed. Every one must still get its row, at its own position, and the
        // chain must verify live and come out identical after a replay.
        Org a = newOrganization("Race A");
        Org b = newOrganization("Race B");
        List<String> projects = java.util.Collections.synchronizedList(new ArrayList<>());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                Org org = i % 2 == 0 ? a : b;
                String name = "race-" + i;
                writes.add(pool.submit(() -> projects.add(newProject(org.key(), name))));
            }
            for (var write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
        long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        awaitRunningAt("query.audit-log", head);
        String audited = "select count(*) from q_audit_log a join domain_event_entry e on e.global_index = a.position "
                + "and e.event_identifier = a.event_id where a.resource_id = any(?)";
        assertThat(jdbc.queryForObject(audited, Long.class, (Object) projects.toArray(String[]::new))).isEqualTo(120L);
        assertChainsVerifyLiveAndAfterAReplay(head, a, b);
    }

    private List<String> auditRows(Org a, Org b) {
        return jdbc.queryForList("select t::text from q_audit_log t where organization_id in (?, ?) order by position",
                String.class, a.id(), b.id());
    }

    /** Both chains verify; a replay of the audit log gives the same rows, byte for byte, which verify again. */
    private void assertChainsVerifyLiveAndAfterAReplay(long head, Org a, Org b) {
        List<String> live = auditRows(a, b);
        assertVerifies(a);
        assertVerifies(b);

        replayAuditLog(head);
        assertThat(auditRows(a, b)).isEqualTo(live);
        assertVerifies(a);
        assertVerifies(b);
    }

    private void replayAuditLog(long head) {
        String done = "select count(*) from q_replay_requests where processor = 'query.audit-log' and done_at is not null";
        long before = jdbc.queryForObject(done, Long.class);
        ApiClient.Response replay = api.post("/v1/admin/projections/query.audit-log/replay", OPERATOR_TOKEN, Map.of());
        assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(done, Long.class) > before);
        awaitRunningAt("query.audit-log", head);
    }

    private void assertVerifies(Org org) {
        JsonNode verification = api.get("/v1/audit-log/verify", org.key()).data();
        assertThat(verification.get("ok").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("checkedEvents").asLong()).isEqualTo(jdbc.queryForObject(
                "select count(*) from q_audit_log where organization_id = ?", Long.class, org.id()));
    }
}
