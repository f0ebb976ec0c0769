package io.strata.webhooks.fanout;

import io.strata.webhooks.endpoint.WebhookEndpoint;

import io.strata.contract.apikey.ApiKeyEvents.ApiKeyCreated;
import io.strata.contract.apikey.ApiKeyEvents.ApiKeyRevoked;
import io.strata.contract.database.DatabaseEvents.CredentialsRotated;
import io.strata.contract.database.DatabaseEvents.DatabaseDeleted;
import io.strata.contract.database.DatabaseEvents.DatabaseFailed;
import io.strata.contract.database.DatabaseEvents.DatabaseReady;
import io.strata.contract.database.DatabaseEvents.DatabaseRenamed;
import io.strata.contract.job.JobEvents.JobCompleted;
import io.strata.contract.job.JobEvents.JobFailed;
import io.strata.contract.job.JobResource;
import io.strata.contract.job.JobType;
import io.strata.contract.webhook.DeliveryCommands.ScheduleDelivery;
import io.strata.contract.webhook.WebhookEvents.WebhookTestRequested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookFanOutTest {

    private static WebhookEndpoint endpoint(String id, String org, boolean enabled, boolean deleted, String... events) {
        return new WebhookEndpoint(id, org, "https://example.com/" + id, List.of(events), enabled, deleted, "sealed",
                null, null);
    }

    @Test
    void mapsEachSourceEventToItsType() {
        assertThat(WebhookFanOut.typeOf(new JobCompleted("j", "o", JobType.DATABASE_CREATE, "r"))).contains("job.completed");
        assertThat(WebhookFanOut.typeOf(new JobFailed("j", "o", JobType.DATABASE_CREATE, "r", null))).contains("job.failed");
        assertThat(WebhookFanOut.typeOf(new DatabaseReady("d", "o", "p", "j", null))).contains("database.ready");
        assertThat(WebhookFanOut.typeOf(new DatabaseFailed("d", "o", "p", "j", null))).contains("database.failed");
        assertThat(WebhookFanOut.typeOf(new DatabaseDeleted("d", "o", "p", "j"))).contains("database.deleted");
        assertThat(WebhookFanOut.typeOf(new CredentialsRotated("d", "o", "p", "j", 2, "f"))).contains("credentials.rotated");
        assertThat(WebhookFanOut.typeOf(new ApiKeyCreated("k", "o", "n", null, null, null, "p", "h"))).contains("api_key.created");
        assertThat(WebhookFanOut.typeOf(new ApiKeyRevoked("k", "o"))).contains("api_key.revoked");
        assertThat(WebhookFanOut.typeOf(new WebhookTestRequested("wh", "o", "evt"))).contains("webhook.test");
        assertThat(WebhookFanOut.typeOf(new DatabaseRenamed("d", "o", "p", "n"))).isEmpty();
    }

    @Test
    void onlyActiveSubscribedEndpointsOfTheOrganizationReceive() {
        List<WebhookEndpoint> all = List.of(
                endpoint("wh_a", "org_1", true, false, "job.completed", "job.failed"),
                endpoint("wh_b", "org_1", true, false, "job.failed"),
                endpoint("wh_c", "org_1", false, false, "job.completed"),
                endpoint("wh_d", "org_1", true, true, "job.completed"),
                endpoint("wh_e", "org_2", true, false, "job.completed"));

        assertThat(WebhookFanOut.recipients("job.completed", "org_1", null, all))
                .extracting(WebhookEndpoint::id).containsExactly("wh_a");
    }

    @Test
    void aTestGoesToItsEndpointOnlyWhateverItSubscribedTo() {
        List<WebhookEndpoint> all = List.of(endpoint("wh_a", "org_1", true, false, "job.completed"),
                endpoint("wh_b", "org_1", true, false, "webhook.test"));

        assertThat(WebhookFanOut.recipients("webhook.test", "org_1", "wh_a", all))
                .extracting(WebhookEndpoint::id).containsExactly("wh_a");
    }

    @Test
    void idsAreDerivedFromTheSourceEventSoARedeliveredEventRepeatsThem() {
        List<WebhookEndpoint> two = List.of(endpoint("wh_a", "org_1", true, false, "job.completed"),
                endpoint("wh_b", "org_1", true, false, "job.completed"));
        String eventId = WebhookIds.eventId("source-1");

        List<ScheduleDelivery> first = WebhookFanOut.deliveries("source-1", eventId, "job.completed", "{}", two);
        List<ScheduleDelivery> again = WebhookFanOut.deliveries("source-1", eventId, "job.completed", "{}", two);

        assertThat(again).isEqualTo(first);
        assertThat(eventId).matches("evt_[0-9a-f]{20}").isEqualTo(WebhookIds.eventId("source-1"))
                .isNotEqualTo(WebhookIds.eventId("source-2"));
        assertThat(first).extracting(ScheduleDelivery::eventId).containsOnly(eventId);
        assertThat(first).extracting(ScheduleDelivery::deliveryId)
                .allMatch(id -> id.matches("dlv_[0-9a-f]{20}")).doesNotHaveDuplicates();
        assertThat(first.get(0).deliveryId()).isEqualTo(WebhookIds.deliveryId("source-1", "wh_a"));
    }

    @Test
    void theBodyReadsLikeTheRestOutput() {
        JobResource job = JobResource.queued("job_1", JobType.DATABASE_CREATE, "db_1", 3, Instant.parse("2025-01-01T10:00:00.123Z"));

        String body = WebhookBodies.body("evt_1", "job.completed", Instant.parse("2025-01-01T10:00:01Z"), "org_1",
                Map.of("job", job));

        assertThat(body).startsWith("{\"id\":\"evt_1\",\"type\":\"job.completed\",\"createdAt\":\"2025-01-01T10:00:01Z\","
                + "\"organizationId\":\"org_1\",\"data\":{\"job\":{\"id\":\"job_1\",\"type\":\"database.create\"");
        assertThat(body).contains("\"createdAt\":\"2025-01-01T10:00:00.123Z\"", "\"nextAttemptAt\":null", "\"error\":null");
    }
}
