package io.strata.webhooks.delivery;

import io.strata.contract.webhook.DeliveryCommands.RecordDeliveryAttempt;
import io.strata.contract.webhook.DeliveryCommands.RestartDelivery;
import io.strata.contract.webhook.DeliveryCommands.ScheduleDelivery;
import io.strata.contract.webhook.DeliveryEvents.DeliveryAttempted;
import io.strata.contract.webhook.DeliveryEvents.DeliveryEndpointGone;
import io.strata.contract.webhook.DeliveryEvents.DeliveryFailed;
import io.strata.contract.webhook.DeliveryEvents.DeliveryRestarted;
import io.strata.contract.webhook.DeliveryEvents.DeliveryScheduled;
import io.strata.contract.webhook.DeliveryEvents.DeliverySucceeded;
import io.strata.contract.webhook.DeliveryOutcome;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

class WebhookDeliveryTest {
    private static final String ID = "dlv_0123456789abcdef0123";
    private static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant NEXT = AT.plusSeconds(5);
    private static final DeliveryScheduled SCHEDULED = new DeliveryScheduled(ID, "wh_1", "org_1", "evt_1",
            "job.completed", "{}");

    private AggregateTestFixture<WebhookDelivery> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(WebhookDelivery.class);
    }

    private static RecordDeliveryAttempt attempt(int n, Integer status, String error, String outcome, Instant next) {
        return new RecordDeliveryAttempt(ID, n, AT, status, 12, error, DeliveryOutcome.of(outcome), next);
    }

    private static DeliveryAttempted attempted(int n, Integer status, String error, Instant next) {
        return new DeliveryAttempted(ID, "wh_1", "org_1", n, AT, status, 12, error, next);
    }

    @Test
    void scheduleCreatesTheDelivery() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleDelivery(ID, "wh_1", "org_1", "evt_1", "job.completed", "{}"))
                .expectEvents(SCHEDULED)
                .expectResultMessagePayload(true);
    }

    @Test
    void schedulingAnExistingDeliveryAgainIsANoOp() {
        fixture.given(SCHEDULED)
                .when(new ScheduleDelivery(ID, "wh_1", "org_1", "evt_1", "job.completed", "{}"))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aRetryIsRecordedWithItsNextAttempt() {
        fixture.given(SCHEDULED)
                .when(attempt(1, 500, "HTTP 500", "retry", NEXT))
                .expectEvents(attempted(1, 500, "HTTP 500", NEXT))
                .expectResultMessagePayload(true);
    }

    @Test
    void anAttemptAlreadyRecordedIsIgnored() {
        fixture.given(SCHEDULED, attempted(1, 500, "HTTP 500", NEXT))
                .when(attempt(1, 500, "HTTP 500", "retry", NEXT))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void deliveredSucceeds() {
        fixture.given(SCHEDULED, attempted(1, 500, "HTTP 500", NEXT))
                .when(attempt(2, 200, null, "delivered", null))
                .expectEvents(attempted(2, 200, null, null), new DeliverySucceeded(ID, "wh_1", "org_1"));
    }

    @Test
    void goneDisablesTheEndpointAndFails() {
        fixture.given(SCHEDULED)
                .when(attempt(1, 410, "HTTP 410", "gone", null))
                .expectEvents(attempted(1, 410, "HTTP 410", null), new DeliveryEndpointGone(ID, "wh_1", "org_1"),
                        new DeliveryFailed(ID, "wh_1", "org_1", "endpoint_gone"));
    }

    @Test
    void failedFailsWithTheAttemptsError() {
        fixture.given(SCHEDULED)
                .when(attempt(1, null, "endpoint_disabled", "failed", null))
                .expectEvents(attempted(1, null, "endpoint_disabled", null),
                        new DeliveryFailed(ID, "wh_1", "org_1", "endpoint_disabled"));
    }

    @Test
    void noAttemptIsRecordedAfterAFinalState() {
        fixture.given(SCHEDULED, attempted(1, 200, null, null), new DeliverySucceeded(ID, "wh_1", "org_1"))
                .when(attempt(2, 200, null, "delivered", null))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aPendingDeliveryIsNotRestarted() {
        fixture.given(SCHEDULED, attempted(1, 500, "HTTP 500", NEXT))
                .when(new RestartDelivery(ID), Map.of(WebhookDelivery.EXPECTED_WEBHOOK, "wh_1"))
                .expectNoEvents();
    }

    @Test
    void aFinishedDeliveryRestartsAtTheNextAttemptNumber() {
        fixture.given(SCHEDULED, attempted(1, 410, "HTTP 410", null), new DeliveryFailed(ID, "wh_1", "org_1", "endpoint_gone"))
                .when(new RestartDelivery(ID), Map.of(WebhookDelivery.EXPECTED_WEBHOOK, "wh_1"))
                .expectEvents(new DeliveryRestarted(ID, "wh_1", "org_1", 2))
                .expectResultMessagePayload(new WebhookDelivery.Restarted(2, "wh_1", "evt_1", "{}"));
    }

    @Test
    void aRestartedDeliveryRecordsItsNewAttempts() {
        fixture.given(SCHEDULED, attempted(1, 200, null, null), new DeliverySucceeded(ID, "wh_1", "org_1"),
                        new DeliveryRestarted(ID, "wh_1", "org_1", 2))
                .when(attempt(2, 200, null, "delivered", null))
                .expectEvents(attempted(2, 200, null, null), new DeliverySucceeded(ID, "wh_1", "org_1"));
    }

    @Test
    void aRedeliveryRequestedOnAnotherWebhookIsIgnored() {
        fixture.given(SCHEDULED, attempted(1, 200, null, null), new DeliverySucceeded(ID, "wh_1", "org_1"))
                .when(new RestartDelivery(ID), Map.of(WebhookDelivery.EXPECTED_WEBHOOK, "wh_other"))
                .expectNoEvents();
    }

    /** Restarted once for a request made at AT and finished again (the fan-out may meet that request twice). */
    private static Object[] servedOnceAndFinishedAgain() {
        return new Object[]{SCHEDULED, attempted(1, 410, "HTTP 410", null), new DeliveryFailed(ID, "wh_1", "org_1", "endpoint_gone"),
                GenericEventMessage.asEventMessage(new DeliveryRestarted(ID, "wh_1", "org_1", 2))
                        .withMetaData(Map.of(WebhookDelivery.REQUESTED_AT, AT.toString())),
                attempted(2, 410, "HTTP 410", null), new DeliveryFailed(ID, "wh_1", "org_1", "endpoint_gone")};
    }

    @Test
    void aRedeliveryRequestAlreadyServedRestartsNothing() {
        fixture.given(servedOnceAndFinishedAgain())
                .when(new RestartDelivery(ID), Map.of(WebhookDelivery.EXPECTED_WEBHOOK, "wh_1",
                        WebhookDelivery.REQUESTED_AT, AT.toString()))
                .expectNoEvents()
                .expectResultMessagePayload(null);
    }

    @Test
    void aLaterRedeliveryRequestRestartsAgain() {
        fixture.given(servedOnceAndFinishedAgain())
                .when(new RestartDelivery(ID), Map.of(WebhookDelivery.EXPECTED_WEBHOOK, "wh_1",
                        WebhookDelivery.REQUESTED_AT, AT.plusSeconds(60).toString()))
                .expectEvents(new DeliveryRestarted(ID, "wh_1", "org_1", 3))
                .expectResultMessagePayload(new WebhookDelivery.Restarted(3, "wh_1", "evt_1", "{}"));
    }
}
