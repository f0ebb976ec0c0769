package io.strata.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.strata.testing.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks end to end: a real HTTP receiver started here, signed deliveries of real job and
 * database events, retries, 410, timeouts, and secret rotation. Private targets are allowed for
 * this test only (the receiver listens on 127.0.0.1); the SSRF refusal is tested with them off.
 */
@TestPropertySource(properties = {
        "strata.webhooks.allow-private-targets=true",
        "strata.webhooks.retry-schedule=1s,1s,1s",
        "strata.webhooks.timeout=2s"})
class WebhookDeliveryApiTest extends StandaloneTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(String path, Map<String, List<String>> headers, String body, long atMillis) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Per path, the statuses to answer in turn (then 200); "sleep" answers after 5 s. */
    private final Map<String, Deque<String>> script = new ConcurrentHashMap<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body, System.currentTimeMillis()));
            Deque<String> answers = script.getOrDefault(path, new ArrayDeque<>());
            String answer = answers.isEmpty() ? "200" : answers.poll();
            if (answer.equals("sleep")) {
                try {
                    Thread.sleep(5_000); // the receiver is slow on purpose: longer than the 2 s timeout
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer = "200";
            }
            exchange.sendResponseHeaders(Integer.parseInt(answer), -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private String subscribe(String key, String path, List<String> events, String... secretOut) {
        ApiClient.Response created = api.post("/v1/webhooks", key, Map.of("url", url(path), "events", events));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        if (secretOut.length > 0) {
            secretOut[0] = created.data().get("secret").asText();
        }
        return created.data().get("id").asText();
    }

    private List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private static void verify(String secret, Received r) throws Exception {
        new Webhook(secret).verify(r.body(), HttpHeaders.of(r.headers(), (a, b) -> true).map().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toLowerCase(), Map.Entry::getValue)));
    }

    private JsonNode deliveries(String key, String webhookId) {
        return api.get("/v1/webhooks/" + webhookId + "/deliveries", key).data();
    }

    @Test
    void aDatabaseJobIsAnnouncedSignedAndOnlyOnceTheDatabaseReadsReady() throws Exception {
        Org org = newOrganization("Subscriber");
        String[] secret = new String[1];
        String hook = subscribe(org.key(), "/jobs", List.of("job.completed", "database.ready"), secret);
        String project = newProject(org.key(), "p");
        ApiClient.Response created = api.post("/v1/databases", org.key(), Map.of("projectId", project, "name", "d", "engine", "sqlite"));
        String jobId = created.data().get("id").asText();
        String databaseId = created.data().get("resourceId").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> at("/jobs").size() >= 2);
        Received ready = at("/jobs").stream().filter(r -> r.json().get("type").asText().equals("database.ready")).findFirst().orElseThrow();
        Received completed = at("/jobs").stream().filter(r -> r.json().get("type").asText().equals("job.completed")).findFirst().orElseThrow();
        verify(secret[0], ready);
        verify(secret[0], completed);
        JsonNode body = completed.json();
        assertThat(body.get("id").asText()).startsWith("evt_").isEqualTo(completed.headers().get("Webhook-id").get(0));
        assertThat(body.get("organizationId").asText()).isEqualTo(org.id());
        assertThat(body.at("/data/job/id").asText()).isEqualTo(jobId);
        assertThat(body.at("/data/job/state").asText()).isEqualTo("completed");
        // The subscriber reacting to job.completed finds the database ready, in the payload and through the API.
        assertThat(body.at("/data/database/id").asText()).isEqualTo(databaseId);
        assertThat(body.at("/data/database/status").asText()).isEqualTo("ready");
        assertThat(api.get("/v1/databases/" + databaseId, org.key()).data().get("status").asText()).isEqualTo("ready");
        assertThat(ready.json().at("/data/database/status").asText()).isEqualTo("ready");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deliveries(org.key(), hook))
                .hasSize(2).allSatisfy(d -> assertThat(d.get("state").asText()).isEqualTo("delivered")));
    }

    @Test
    void aLongEndpointStreamIsSnapshottedAndKeepsItsState() {
        Org org = newOrganization("Chatty");
        String hook = subscribe(org.key(), "/chatty", List.of("webhook.test"));
        ApiClient.Response described = api.patch("/v1/webhooks/" + hook, org.key(), Map.of("description", "kept"));
        assertThat(described.status()).as(described.toString()).isEqualTo(200);
        int tests = 60; // more than one snapshot interval (50 events)
        for (int i = 0; i < tests; i++) {
            assertThat(api.post("/v1/webhooks/" + hook + "/test", org.key(), Map.of()).status()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from snapshot_event_entry where aggregate_identifier = ?", Integer.class, hook) > 0);
        // Loaded from the snapshot plus the events after it: the state is whole, and commands still work.
        ApiClient.Response updated = api.patch("/v1/webhooks/" + hook, org.key(), Map.of("events", List.of("webhook.test", "job.completed")));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.data().get("description").asText()).isEqualTo("kept");
        assertThat(updated.data().get("url").asText()).endsWith("/chatty");
        assertThat(updated.data().get("enabled").asBoolean()).isTrue();
        assertThat(api.post("/v1/webhooks/" + hook + "/test", org.key(), Map.of()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> at("/chatty").size() >= tests + 1);
        assertThat(api.delete("/v1/webhooks/" + hook, org.key()).status()).isEqualTo(204);
        assertThat(api.post("/v1/webhooks/" + hook + "/test", org.key(), Map.of()).status()).isEqualTo(404);
    }

    @Test
    void failuresAreRetriedWithTheSameIdAndEveryAttemptIsRecorded() {
        Org org = newOrganization("Flaky");
        script.put("/flaky", new ArrayDeque<>(List.of("500", "500")));
        String hook = subscribe(org.key(), "/flaky", List.of("webhook.test"));
        assertThat(api.post("/v1/webhooks/" + hook + "/test", org.key(), Map.of()).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> at("/flaky").size() >= 3);
        List<Received> attempts = at("/flaky");
        assertThat(attempts).extracting(r -> r.headers().get("Webhook-id").get(0)).containsOnly(attempts.get(0).headers().get("Webhook-id").get(0));
        assertThat(attempts).extracting(r -> r.headers().get("Webhook-timestamp").get(0)).isNotEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode delivery = deliveries(org.key(), hook).get(0);
            assertThat(delivery.get("state").asText()).isEqualTo("delivered");
            assertThat(delivery.get("eventType").asText()).isEqualTo("webhook.test");
            assertThat(delivery.get("attempts")).hasSize(3);
            assertThat(delivery.get("attempts")).extracting(a -> a.get("statusCode").asInt()).containsExactly(500, 500, 200);
        });

        // Redelivery sends it once more, with the same webhook-id.
        String deliveryId = deliveries(org.key(), hook).get(0).get("id").asText();
        assertThat(api.post("/v1/webhooks/" + hook + "/deliveries/" + deliveryId + "/redeliver", org.key(), Map.of()).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> at("/flaky").size() >= 4);
        assertThat(at("/flaky").get(3).headers().get("Webhook-id")).isEqualTo(attempts.get(0).headers().get("Webhook-id"));
    }

    @Test
    void goneDisablesTheEndpointAndASlowReceiverCountsAsFailed() {
        Org org = newOrganization("Gone");
        script.put("/gone", new ArrayDeque<>(List.of("410")));
        script.put("/slow", new ArrayDeque<>(List.of("sleep")));
        String gone = subscribe(org.key(), "/gone", List.of("webhook.test"));
        String slow = subscribe(org.key(), "/slow", List.of("webhook.test"));
        api.post("/v1/webhooks/" + gone + "/test", org.key(), Map.of());
        api.post("/v1/webhooks/" + slow + "/test", org.key(), Map.of());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode endpoint = api.get("/v1/webhooks/" + gone, org.key()).data();
            assertThat(endpoint.get("enabled").asBoolean()).isFalse();
            assertThat(endpoint.get("disabledReason").asText()).contains("410");
            assertThat(deliveries(org.key(), gone).get(0).get("state").asText()).isEqualTo("failed");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode attempts = deliveries(org.key(), slow).get(0).get("attempts");
            assertThat(attempts.size()).isGreaterThanOrEqualTo(1);
            assertThat(attempts.get(0).get("statusCode").isNull()).isTrue();
            assertThat(attempts.get(0).get("error").asText()).isNotBlank();
        });
    }

    @Test
    void duringARotationBothSecretsSign() throws Exception {
        Org org = newOrganization("Rotation");
        String[] secret = new String[1];
        String hook = subscribe(org.key(), "/rotate", List.of("webhook.test"), secret);
        String newSecret = api.post("/v1/webhooks/" + hook + "/rotate-secret", org.key(), Map.of()).data().get("secret").asText();
        api.post("/v1/webhooks/" + hook + "/test", org.key(), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> !at("/rotate").isEmpty());
        Received r = at("/rotate").get(0);
        assertThat(r.headers().get("Webhook-signature").get(0).split(" ")).hasSize(2);
        verify(secret[0], r);
        verify(newSecret, r);
    }
}
