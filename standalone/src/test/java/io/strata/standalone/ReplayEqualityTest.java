package io.strata.standalone;

import io.strata.platform.store.ProcessorProgress;
import io.strata.query.ReadModels;
import io.strata.testing.ApiClient;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ARCHITECTURE, "Read side": each projection, reset and replayed from the first event, produces the
 * same rows. Each query-service processor is stopped, reset (its reset handler empties its table),
 * restarted, and compared row for row with the rows it had built live.
 */
class ReplayEqualityTest extends StandaloneTest {
    private static final Map<String, List<String>> TABLES = Map.of(
            ReadModels.ORGANIZATIONS, List.of("q_organizations"),
            ReadModels.API_KEYS, List.of("q_api_keys"),
            ReadModels.PROJECTS, List.of("q_projects"),
            ReadModels.DATABASES, List.of("q_databases"),
            ReadModels.JOBS, List.of("q_jobs"),
            ReadModels.WEBHOOKS, List.of("q_webhooks"),
            ReadModels.DELIVERIES, List.of("q_webhook_deliveries", "q_webhook_attempts"),
            ReadModels.AUDIT, List.of("q_audit_log"),
            ReadModels.USAGE, List.of("q_usage_facts", "q_usage_databases"));
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    Serializer serializer;

    @Test
    void replayingEachProjectionFromTheFirstEventRebuildsTheSameRows() {
        assertThat(TABLES.keySet()).isEqualTo(ReadModels.PROCESSORS);
        ApiClient.Response last = scenario();

        // Wait until the read side has caught up with the whole store.
        assertThat(getAfter(last, "/v1/projects", newOrganization("Probe").key()).status()).isEqualTo(200);
        long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        await().atMost(DEADLINE).until(() -> progress(ReadModels.PROCESSORS).hasProcessed(head));

        Map<String, List<String>> live = snapshot();
        assertThat(live.get("q_organizations")).hasSize(4);
        assertThat(live.get("q_api_keys")).hasSize(4 + 3); // a first key per organization, three more
        assertThat(live.get("q_projects")).hasSize(4);
        // The scenario changed rows after creating them: renames, a revoke, a delete.
        assertThat(count("select count(*) from q_organizations where name = 'Alpha Renamed'")).isEqualTo(1);
        assertThat(count("select count(*) from q_projects where name = 'alpha-web-2'")).isEqualTo(1);
        assertThat(count("select count(*) from q_projects where deleted_at is not null")).isEqualTo(2);
        assertThat(count("select count(*) from q_api_keys where revoked_at is not null")).isEqualTo(2);
        // Databases: one created, renamed and deleted; one created and left ready. Their three jobs completed.
        assertThat(live.get("q_databases")).hasSize(2);
        assertThat(count("select count(*) from q_databases where name = 'alpha-db-renamed' and status = 'deleted'")).isEqualTo(1);
        assertThat(count("select count(*) from q_databases where name = 'alpha-kept' and status = 'ready'")).isEqualTo(1);
        assertThat(live.get("q_jobs")).hasSize(3);
        assertThat(count("select count(*) from q_jobs where state = 'completed' and finished_at is not null")).isEqualTo(3);
        assertThat(count("select count(*) from q_jobs where type = 'database.delete'")).isEqualTo(1);
        assertThat(live.get("q_webhooks")).hasSize(2);
        assertThat(count("select count(*) from q_webhooks where description = 'ops' and not enabled")).isEqualTo(1);
        // Every event of an organization is in the audit log, chained.
        assertThat(live.get("q_audit_log")).hasSizeGreaterThan(30);
        assertThat(live.get("q_usage_facts")).hasSize(3); // the three finished database jobs

        for (String name : ReadModels.PROCESSORS.stream().sorted().toList()) {
            List<String> tables = TABLES.get(name);
            StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                    .orElseThrow(() -> new AssertionError("no streaming processor " + name));
            processor.shutDown();
            assertThat(processor.isRunning()).as(name).isFalse();

            processor.resetTokens();
            // The reset handler ran: the tables are empty, and the token now replays from the start.
            for (String table : tables) {
                assertThat(count("select count(*) from " + table)).as(table + " after reset").isZero();
            }
            assertThat(progress(Set.of(name)).tokens()).as(name + " tokens").isNotEmpty()
                    .allSatisfy(token -> assertThat(token).isInstanceOf(ReplayToken.class));
            assertThat(progress(Set.of(name)).hasProcessed(head)).as(name).isFalse();

            processor.start();
            await().atMost(DEADLINE).untilAsserted(() -> {
                assertThat(caughtUp(processor, head)).as(name + " caught up: " + processor.processingStatus()).isTrue();
                assertThat(progress(Set.of(name)).hasProcessed(head))
                        .as(name + " has processed " + head + ": " + progress(Set.of(name)).tokens()).isTrue();
            });

            for (String table : tables) {
                assertThat(rows(table)).as(table + " rebuilt by replay").containsExactlyElementsOf(live.get(table));
            }
        }
        assertThat(snapshot()).isEqualTo(live);
    }

    /** Organizations with keys, projects and databases, each touched after its creation. */
    private ApiClient.Response scenario() {
        Org alpha = newOrganization("Alpha");
        Org beta = newOrganization("Beta");
        Org gamma = newOrganization("Gamma");

        String web = newProject(alpha.key(), "alpha-web");
        String old = newProject(alpha.key(), "alpha-old");
        String betaProject = newProject(beta.key(), "beta-api");
        String gammaProject = newProject(gamma.key(), "gamma-tmp");

        ApiClient.Response scoped = api.post("/v1/api-keys", alpha.key(), Map.of("name", "deploy", "projectId", web,
                "scopes", List.of("projects:read", "projects:write"), "expiresAt", "2099-01-01T00:00:00Z"));
        assertThat(scoped.status()).as(scoped.toString()).isEqualTo(201);
        ApiClient.Response ci = api.post("/v1/api-keys", alpha.key(), Map.of("name", "ci", "scopes", List.of("projects:read")));
        assertThat(ci.status()).as(ci.toString()).isEqualTo(201);
        ApiClient.Response betaKey = api.post("/v1/api-keys", beta.key(), Map.of("name", "reader", "scopes",
                List.of("projects:read", "api_keys:read")));
        assertThat(betaKey.status()).as(betaKey.toString()).isEqualTo(201);

        assertThat(api.patch("/v1/organizations/" + alpha.id(), alpha.key(), Map.of("name", "Alpha Renamed")).status())
                .isEqualTo(200);
        assertThat(api.patch("/v1/projects/" + web, scoped.data().get("secret").asText(), Map.of("name", "alpha-web-2"))
                .status()).isEqualTo(200);
        assertThat(api.patch("/v1/projects/" + betaProject, beta.key(), Map.of("name", "beta-api-2")).status())
                .isEqualTo(200);
        assertThat(api.delete("/v1/projects/" + old, alpha.key()).status()).isEqualTo(204);
        assertThat(api.delete("/v1/projects/" + gammaProject, gamma.key()).status()).isEqualTo(204);
        assertThat(api.delete("/v1/api-keys/" + ci.data().get("id").asText(), alpha.key()).status()).isEqualTo(204);

        // A sqlite database created, renamed and deleted; another created and left ready.
        ApiClient.Response gone = api.post("/v1/databases", alpha.key(), Map.of("projectId", web, "name", "alpha-db", "engine", "sqlite"));
        assertThat(gone.status()).as(gone.toString()).isEqualTo(202);
        String goneId = gone.data().get("resourceId").asText();
        assertThat(awaitJob(alpha.key(), gone.data().get("id").asText()).get("state").asText()).isEqualTo("completed");
        ApiClient.Response renamed = api.patch("/v1/databases/" + goneId, alpha.key(), Map.of("name", "alpha-db-renamed"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        ApiClient.Response deleted = api.delete("/v1/databases/" + goneId, alpha.key());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(202);
        assertThat(awaitJob(alpha.key(), deleted.data().get("id").asText()).get("state").asText()).isEqualTo("completed");
        ApiClient.Response kept = api.post("/v1/databases", alpha.key(), Map.of("projectId", web, "name", "alpha-kept", "engine", "sqlite"));
        assertThat(kept.status()).as(kept.toString()).isEqualTo(202);
        assertThat(awaitJob(alpha.key(), kept.data().get("id").asText()).get("state").asText()).isEqualTo("completed");

        // A webhook endpoint created, changed, rotated; another deleted.
        ApiClient.Response hook = api.post("/v1/webhooks", alpha.key(), Map.of("url", "https://replay.example.com/h",
                "events", List.of("job.completed", "database.ready")));
        assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
        String hookId = hook.data().get("id").asText();
        assertThat(api.patch("/v1/webhooks/" + hookId, alpha.key(), Map.of("description", "ops", "enabled", false)).status()).isEqualTo(200);
        assertThat(api.post("/v1/webhooks/" + hookId + "/rotate-secret", alpha.key(), Map.of()).status()).isEqualTo(200);
        String dropped = api.post("/v1/webhooks", beta.key(), Map.of("url", "https://replay.example.com/b",
                "events", List.of("api_key.revoked"))).data().get("id").asText();
        assertThat(api.delete("/v1/webhooks/" + dropped, beta.key()).status()).isEqualTo(204);

        ApiClient.Response last = api.delete("/v1/api-keys/" + betaKey.data().get("id").asText(), beta.key());
        assertThat(last.status()).isEqualTo(204);
        return last;
    }

    /**
     * Every segment has caught up with the store and handled the head event. Axon leaves the replay
     * flag set until a segment handles an event <em>beyond</em> the reset position, so with no
     * newer event it stays "replaying" while already complete: that flag is not waited for.
     */
    private boolean caughtUp(StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        return processor.isRunning() && !status.isEmpty()
                && status.values().stream().allMatch(s -> s.isCaughtUp() && !s.isErrorState()
                && s.getCurrentPosition().orElse(-1) >= head);
    }

    private ProcessorProgress progress(Set<String> processors) {
        return new ProcessorProgress(jdbc, serializer, processors);
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    /** Every row of a table as PostgreSQL's text form of the whole row, in a total order. */
    private List<String> rows(String table) {
        return jdbc.queryForList("select t::text from " + table + " t order by t::text", String.class);
    }

    private Map<String, List<String>> snapshot() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        TABLES.values().stream().flatMap(List::stream).sorted().forEach(table -> tables.put(table, rows(table)));
        return tables;
    }
}
