package io.strata.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.testing.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Usage metering (queries flushed per interval, storage sampled, jobs counted) and the NDJSON export. */
@TestPropertySource(properties = {
        "strata.usage.flush-interval=1s",
        "strata.usage.storage-sample-interval=1s"})
class UsageAndExportApiTest extends StandaloneTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode usageOf(String key, String databaseId) {
        ApiClient.Response usage = api.get("/v1/usage?databaseId=" + databaseId, key);
        assertThat(usage.status()).as(usage.toString()).isEqualTo(200);
        return usage.data();
    }

    private static long sum(JsonNode rows, String field) {
        long total = 0;
        for (JsonNode row : rows) {
            total += row.get(field).asLong();
        }
        return total;
    }

    @Test
    void queriesThroughTheApiAreCountedAndStorageGrows() {
        Org org = newOrganization("Metered");
        String project = newProject(org.key(), "p");
        ApiClient.Response created = api.post("/v1/databases", org.key(), Map.of("projectId", project, "name", "d", "engine", "postgres"));
        String databaseId = created.data().get("resourceId").asText();
        assertThat(awaitJob(org.key(), created.data().get("id").asText()).get("state").asText()).isEqualTo("completed");
        String path = "/v1/databases/" + databaseId + "/query";

        assertThat(api.post(path, org.key(), Map.of("query", "create table t (id int, pad text)")).status()).isEqualTo(200);
        int n = 12;
        for (int i = 0; i < n - 2; i++) {
            assertThat(api.post(path, org.key(), Map.of("query", "select ?::int as i", "params", List.of(i))).status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode rows = usageOf(org.key(), databaseId);
            assertThat(sum(rows, "queries")).isEqualTo(n - 1);
            assertThat(sum(rows, "rowsReturned")).isEqualTo(n - 2);
            assertThat(sum(rows, "jobs")).isEqualTo(1);
            assertThat(rows.get(0).get("date").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
            assertThat(rows.get(0).get("projectId").asText()).isEqualTo(project);
            assertThat(rows.get(0).get("storageBytes").isNull()).isFalse();
        });
        long before = usageOf(org.key(), databaseId).get(0).get("storageBytes").asLong();
        assertThat(api.post(path, org.key(), Map.of("query",
                "insert into t select g, repeat('x', 1000) from generate_series(1, 5000) g")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(usageOf(org.key(), databaseId).get(0).get("storageBytes").asLong()).isGreaterThan(before + 1_000_000));
        // The n-th query (the insert) is counted too.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(sum(usageOf(org.key(), databaseId), "queries")).isEqualTo(n));

        // Bad filters are 400; another organization sees nothing.
        assertThat(api.get("/v1/usage?from=yesterday", org.key()).errorCode()).isEqualTo("invalid_parameter");
        assertThat(api.get("/v1/usage?from=2026-02-01&to=2026-01-01", org.key()).errorCode()).isEqualTo("invalid_parameter");
        assertThat(api.get("/v1/usage?from=2020-01-01&to=2026-01-01", org.key()).errorCode()).isEqualTo("invalid_parameter");
        Org other = newOrganization("Other");
        assertThat(usageOf(other.key(), databaseId)).isEmpty();
        assertThat(api.get("/v1/usage", other.key()).data()).isEmpty();

        ApiClient.Response delete = api.delete("/v1/databases/" + databaseId, org.key());
        assertThat(awaitJob(org.key(), delete.data().get("id").asText()).get("state").asText()).isEqualTo("completed");
    }

    @Test
    void anOrganizationExportsEveryResourceAndEveryEventAsNdjson() throws Exception {
        Org org = newOrganization("Exported");
        String project = newProject(org.key(), "p");
        ApiClient.Response db = api.post("/v1/databases", org.key(), Map.of("projectId", project, "name", "d", "engine", "sqlite"));
        awaitJob(org.key(), db.data().get("id").asText());
        api.post("/v1/webhooks", org.key(), Map.of("url", "https://export.example.com/h", "events", List.of("job.completed")));
        ApiClient.Response last = api.post("/v1/api-keys", org.key(), Map.of("name", "k", "scopes", List.of("projects:read")));
        String keySecret = last.data().get("secret").asText();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ApiClient.Response export = api.get("/v1/organizations/" + org.id() + "/export", org.key());
            assertThat(export.status()).isEqualTo(200);
            assertThat(export.header("Content-Type")).startsWith("application/x-ndjson");
            List<JsonNode> lines = new ArrayList<>();
            for (String line : export.raw().split("\n")) {
                lines.add(JSON.readTree(line));
            }
            assertThat(lines.get(0).get("kind").asText()).isEqualTo("organization");
            assertThat(lines).extracting(l -> l.get("kind").asText())
                    .contains("apiKey", "project", "database", "job", "webhook", "event");
            assertThat(lines.stream().filter(l -> l.get("kind").asText().equals("apiKey"))).hasSize(2);
            assertThat(lines.stream().filter(l -> l.get("kind").asText().equals("event")).count())
                    .isEqualTo(jdbc.queryForObject("select count(*) from q_audit_log where organization_id = ?", Long.class, org.id()));
            assertThat(export.raw()).doesNotContain(keySecret).doesNotContain("whsec_").doesNotContain("secretHash");
        });

        Org other = newOrganization("Other");
        assertThat(api.get("/v1/organizations/" + org.id() + "/export", other.key()).status()).isEqualTo(404);
    }
}
