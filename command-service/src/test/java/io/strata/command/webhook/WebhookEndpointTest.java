package io.strata.command.webhook;

import io.strata.contract.Refusal;
import io.strata.contract.webhook.WebhookCommands.CreateWebhookEndpoint;
import io.strata.contract.webhook.WebhookCommands.DeleteWebhookEndpoint;
import io.strata.contract.webhook.WebhookCommands.DisableWebhookEndpoint;
import io.strata.contract.webhook.WebhookCommands.RequestRedelivery;
import io.strata.contract.webhook.WebhookCommands.RotateWebhookSecret;
import io.strata.contract.webhook.WebhookCommands.SendWebhookTest;
import io.strata.contract.webhook.WebhookCommands.UpdateWebhookEndpoint;
import io.strata.contract.webhook.WebhookEvents.WebhookEndpointCreated;
import io.strata.contract.webhook.WebhookEvents.WebhookEndpointDeleted;
import io.strata.contract.webhook.WebhookEvents.WebhookEndpointDisabled;
import io.strata.contract.webhook.WebhookEvents.WebhookEndpointUpdated;
import io.strata.contract.webhook.WebhookEvents.WebhookRedeliveryRequested;
import io.strata.contract.webhook.WebhookEvents.WebhookSecretRotated;
import io.strata.contract.webhook.WebhookEvents.WebhookTestRequested;
import io.strata.contract.webhook.WebhookResource;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.strata.command.Refusals.conflict;
import static io.strata.command.Refusals.notFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * The WebhookEndpoint lifecycle: another organization's or a deleted endpoint is "not found", a test
 * needs an enabled endpoint, an update records the whole new configuration only when something
 * changed, and the 410 policy's disable is idempotent.
 */
class WebhookEndpointTest {
    private static final String ORG = "org_1";
    private static final String OTHER = "org_other";
    private static final String WEBHOOK = "wh_1";
    private static final String URL = "https://hooks.example.com/strata";
    private static final List<String> EVENTS = List.of("job.completed", "job.failed");
    private static final Instant PREVIOUS_EXPIRES = Instant.parse("2030-01-02T00:00:00Z");

    private AggregateTestFixture<WebhookEndpoint> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(WebhookEndpoint.class);
    }

    private static WebhookEndpointCreated created() {
        return new WebhookEndpointCreated(WEBHOOK, ORG, URL, EVENTS, "ci hooks", "sealed-secret-1");
    }

    private static WebhookEndpointDisabled disabledByGone() {
        return new WebhookEndpointDisabled(WEBHOOK, ORG, "the endpoint answered 410 Gone");
    }

    private static UpdateWebhookEndpoint update(String organizationId, String url, List<String> events, Boolean enabled,
                                                String description) {
        return new UpdateWebhookEndpoint(WEBHOOK, organizationId, url, events, enabled, description);
    }

    // --- creation

    @Test
    void createEmitsCreatedAndStartsEnabled() {
        fixture.givenNoPriorActivity()
                .when(new CreateWebhookEndpoint(WEBHOOK, ORG, URL, EVENTS, "ci hooks", "sealed-secret-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created())
                .expectState(w -> {
                    WebhookResource view = w.view();
                    assertThat(view.id()).isEqualTo(WEBHOOK);
                    assertThat(view.url()).isEqualTo(URL);
                    assertThat(view.events()).isEqualTo(EVENTS);
                    assertThat(view.enabled()).isTrue();
                    assertThat(view.disabledReason()).isNull();
                    assertThat(view.createdAt()).isNotNull();
                });
    }

    // --- update

    @Test
    void updateRecordsTheWholeNewConfigurationKeepingWhatWasNotSent() {
        fixture.given(created())
                .when(update(ORG, "https://hooks.example.com/v2", null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new WebhookEndpointUpdated(WEBHOOK, ORG, "https://hooks.example.com/v2", EVENTS, true, "ci hooks"))
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof WebhookResource w
                        && w.url().equals("https://hooks.example.com/v2") && w.events().equals(EVENTS) && w.enabled()));
    }

    @Test
    void updateOfEventsAndDescription() {
        fixture.given(created())
                .when(update(ORG, null, List.of("database.ready"), null, "only readiness"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new WebhookEndpointUpdated(WEBHOOK, ORG, URL, List.of("database.ready"), true, "only readiness"));
    }

    @Test
    void updateThatChangesNothingEmitsNothing() {
        fixture.given(created())
                .when(update(ORG, URL, EVENTS, true, "ci hooks"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof WebhookResource w
                        && w.url().equals(URL)));
    }

    @Test
    void disablingByUpdateTurnsDeliveriesOff() {
        fixture.given(created())
                .when(update(ORG, null, null, false, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new WebhookEndpointUpdated(WEBHOOK, ORG, URL, EVENTS, false, "ci hooks"))
                .expectState(w -> assertThat(w.view().enabled()).isFalse());
    }

    @Test
    void reEnablingClearsTheReasonItWasDisabledFor() {
        fixture.given(created(), disabledByGone())
                .when(update(ORG, null, null, true, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new WebhookEndpointUpdated(WEBHOOK, ORG, URL, EVENTS, true, "ci hooks"))
                .expectState(w -> {
                    assertThat(w.view().enabled()).isTrue();
                    assertThat(w.view().disabledReason()).isNull();
                });
    }

    @Test
    void updateByAnotherOrganizationIsNotFound() {
        fixture.given(created())
                .when(update(OTHER, "https://evil.example.com", null, null, null))
                .expectException(Refusal.class)
                .expectException(notFound())
                .expectExceptionMessage("webhook " + WEBHOOK + " was not found")
                .expectNoEvents();
    }

    @Test
    void updateOfADeletedEndpointIsNotFound() {
        fixture.given(created(), new WebhookEndpointDeleted(WEBHOOK, ORG))
                .when(update(ORG, null, null, true, null))
                .expectException(notFound())
                .expectExceptionMessage("webhook " + WEBHOOK + " was not found")
                .expectNoEvents();
    }

    // --- deletion

    @Test
    void deleteEmitsDeleted() {
        fixture.given(created())
                .when(new DeleteWebhookEndpoint(WEBHOOK, ORG))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new WebhookEndpointDeleted(WEBHOOK, ORG));
    }

    @Test
    void deleteByAnotherOrganizationIsNotFound() {
        fixture.given(created())
                .when(new DeleteWebhookEndpoint(WEBHOOK, OTHER))
                .expectException(notFound())
                .expectNoEvents();
    }

    @Test
    void deleteTwiceIsNotFound() {
        fixture.given(created(), new WebhookEndpointDeleted(WEBHOOK, ORG))
                .when(new DeleteWebhookEndpoint(WEBHOOK, ORG))
                .expectException(notFound())
                .expectNoEvents();
    }

    // --- secret rotation

    @Test
    void rotateSecretRecordsTheNewSealedSecretAndWhenThePreviousExpires() {
        fixture.given(created())
                .when(new RotateWebhookSecret(WEBHOOK, ORG, "sealed-secret-2", PREVIOUS_EXPIRES))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new WebhookSecretRotated(WEBHOOK, ORG, "sealed-secret-2", PREVIOUS_EXPIRES));
    }

    @Test
    void rotateSecretByAnotherOrganizationIsNotFound() {
        fixture.given(created())
                .when(new RotateWebhookSecret(WEBHOOK, OTHER, "sealed-secret-2", PREVIOUS_EXPIRES))
                .expectException(notFound())
                .expectNoEvents();
    }

    @Test
    void rotateSecretOfADeletedEndpointIsNotFound() {
        fixture.given(created(), new WebhookEndpointDeleted(WEBHOOK, ORG))
                .when(new RotateWebhookSecret(WEBHOOK, ORG, "sealed-secret-2", PREVIOUS_EXPIRES))
                .expectException(notFound())
                .expectNoEvents();
    }

    // --- test events

    @Test
    void sendTestRequestsATestEvent() {
        fixture.given(created())
                .when(new SendWebhookTest(WEBHOOK, ORG, "evt_1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new WebhookTestRequested(WEBHOOK, ORG, "evt_1"));
    }

    @Test
    void sendTestToADisabledEndpointIsAConflict() {
        fixture.given(created(), new WebhookEndpointUpdated(WEBHOOK, ORG, URL, EVENTS, false, "ci hooks"))
                .when(new SendWebhookTest(WEBHOOK, ORG, "evt_1"))
                .expectException(conflict("webhook_disabled"))
                .expectExceptionMessage("webhook " + WEBHOOK + " is disabled; enable it to send a test")
                .expectNoEvents();
    }

    @Test
    void sendTestToAnEndpointDisabledByGoneIsAConflict() {
        fixture.given(created(), disabledByGone())
                .when(new SendWebhookTest(WEBHOOK, ORG, "evt_1"))
                .expectException(conflict("webhook_disabled"))
                .expectNoEvents();
    }

    @Test
    void sendTestByAnotherOrganizationIsNotFound() {
        fixture.given(created())
                .when(new SendWebhookTest(WEBHOOK, OTHER, "evt_1"))
                .expectException(notFound())
                .expectNoEvents();
    }

    @Test
    void sendTestToADeletedEndpointIsNotFound() {
        fixture.given(created(), new WebhookEndpointDeleted(WEBHOOK, ORG))
                .when(new SendWebhookTest(WEBHOOK, ORG, "evt_1"))
                .expectException(notFound())
                .expectNoEvents();
    }

    // --- redelivery

    @Test
    void requestRedeliveryEmitsTheRequest() {
        fixture.given(created())
                .when(new RequestRedelivery(WEBHOOK, ORG, "dlv_1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new WebhookRedeliveryRequested(WEBHOOK, ORG, "dlv_1"));
    }

    @Test
    void requestRedeliveryByAnotherOrganizationIsNotFound() {
        fixture.given(created())
                .when(new RequestRedelivery(WEBHOOK, OTHER, "dlv_1"))
                .expectException(notFound())
                .expectNoEvents();
    }

    @Test
    void requestRedeliveryOnADeletedEndpointIsNotFound() {
        fixture.given(created(), new WebhookEndpointDeleted(WEBHOOK, ORG))
                .when(new RequestRedelivery(WEBHOOK, ORG, "dlv_1"))
                .expectException(notFound())
                .expectNoEvents();
    }

    // --- the 410 policy

    @Test
    void goneDisablesTheEndpointWithItsReason() {
        fixture.given(created())
                .when(new DisableWebhookEndpoint(WEBHOOK, "the endpoint answered 410 Gone"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(disabledByGone())
                .expectState(w -> {
                    assertThat(w.view().enabled()).isFalse();
                    assertThat(w.view().disabledReason()).isEqualTo("the endpoint answered 410 Gone");
                });
    }

    @Test
    void goneTwiceDisablesOnce() {
        fixture.given(created(), disabledByGone())
                .when(new DisableWebhookEndpoint(WEBHOOK, "the endpoint answered 410 Gone"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void goneForAnEndpointDisabledByItsOwnerChangesNothing() {
        fixture.given(created(), new WebhookEndpointUpdated(WEBHOOK, ORG, URL, EVENTS, false, "ci hooks"))
                .when(new DisableWebhookEndpoint(WEBHOOK, "the endpoint answered 410 Gone"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void goneForADeletedEndpointChangesNothing() {
        fixture.given(created(), new WebhookEndpointDeleted(WEBHOOK, ORG))
                .when(new DisableWebhookEndpoint(WEBHOOK, "the endpoint answered 410 Gone"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
