package io.strata.webhooks.fanout;

import io.strata.contract.ResourceEvent;
import io.strata.contract.ResourceType;
import io.strata.contract.job.JobResource;
import io.strata.contract.webhook.DeliveryCommands.ScheduleDelivery;
import io.strata.contract.webhook.WebhookEventTypes;
import io.strata.contract.webhook.WebhookEvents.WebhookEndpointCreated;
import io.strata.contract.webhook.WebhookEvents.WebhookEndpointDeleted;
import io.strata.contract.webhook.WebhookEvents.WebhookEndpointDisabled;
import io.strata.contract.webhook.WebhookEvents.WebhookEndpointUpdated;
import io.strata.contract.webhook.WebhookEvents.WebhookRedeliveryRequested;
import io.strata.contract.webhook.WebhookEvents.WebhookSecretRotated;
import io.strata.contract.webhook.WebhookEvents.WebhookTestRequested;
import io.strata.webhooks.delivery.DeliveryScheduling;
import io.strata.webhooks.endpoint.WebhookEndpoint;
import io.strata.webhooks.endpoint.WebhookEndpoints;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The webhooks module's one tracking processor: its view of endpoints, its payload views (jobs,
 * databases, API keys) AND the fan-out of source events. All are handled in store order, so an endpoint
 * created just before a job completes gets that job's event, one deleted just before does not, and a
 * payload shows every change before its event (job.completed shows the database ready). Failures
 * propagate (see {@link io.strata.webhooks.WebhooksModule}): the event is retried, never skipped.
 * <p>
 * Starting from the beginning of the store (a new installation, a renamed group, a reset) is safe:
 * the views are rebuilt on the way, a delivery that already exists is not created again (its id is
 * derived from the source event and the endpoint), and a redelivery request that was already served
 * does not restart its delivery again (see {@link io.strata.webhooks.delivery.WebhookDelivery}).
 */
@Component
@ProcessingGroup(WebhookEventRouter.GROUP)
public class WebhookEventRouter {
    public static final String GROUP = "webhooks.fan-out";
    private static final Logger log = LoggerFactory.getLogger(WebhookEventRouter.class);

    private final WebhookEndpoints endpoints;
    private final PayloadViews views;
    private final DeliveryScheduling scheduling;

    public WebhookEventRouter(WebhookEndpoints endpoints, PayloadViews views, DeliveryScheduling scheduling) {
        this.endpoints = endpoints;
        this.views = views;
        this.scheduling = scheduling;
    }

    // Endpoint changes.

    @EventHandler
    void on(WebhookEndpointCreated e) {
        endpoints.create(e.webhookId(), e.organizationId(), e.url(), e.events(), e.sealedSecret());
    }

    @EventHandler
    void on(WebhookEndpointUpdated e) {
        endpoints.update(e.webhookId(), e.url(), e.events(), e.enabled());
    }

    @EventHandler
    void on(WebhookEndpointDisabled e) {
        endpoints.disable(e.webhookId());
    }

    @EventHandler
    void on(WebhookEndpointDeleted e) {
        endpoints.delete(e.webhookId());
    }

    @EventHandler
    void on(WebhookSecretRotated e) {
        endpoints.rotate(e.webhookId(), e.sealedSecret(), e.previousSecretExpiresAt());
    }

    @EventHandler
    void on(WebhookRedeliveryRequested e, EventMessage<?> message) {
        scheduling.restart(e.webhookId(), e.deliveryId(), message.getTimestamp());
    }

    /** The test event's id is the one command-service answered with, when it chose one. */
    @EventHandler
    void on(WebhookTestRequested e, EventMessage<?> message) {
        String eventId = e.eventId() != null ? e.eventId() : WebhookIds.eventId(message.getIdentifier());
        schedule(message, eventId, WebhookEventTypes.WEBHOOK_TEST, e.organizationId(), e.webhookId(),
                () -> Optional.of(Map.of("webhookId", e.webhookId())));
    }

    /**
     * Every other event is folded into the payload view it concerns, if any; a source event (see
     * {@link WebhookFanOut#typeOf}) is then fanned out, its payload the resource after it, as a GET right
     * after it shows (job.completed shows the database ready).
     */
    @EventHandler
    void on(Object event, EventMessage<?> message) {
        long sequenceNumber = message instanceof DomainEventMessage<?> d ? d.getSequenceNumber() : 0;
        views.fold(event, message.getTimestamp(), sequenceNumber);
        if (event instanceof ResourceEvent source) {
            WebhookFanOut.typeOf(event).ifPresent(type -> schedule(message, WebhookIds.eventId(message.getIdentifier()),
                    type, source.organizationId(), null, () -> data(source)));
        }
    }

    @ResetHandler
    void reset() {
        endpoints.deleteAll();
        views.deleteAll();
    }

    private void schedule(EventMessage<?> message, String eventId, String type, String organizationId,
                          String onlyWebhookId, Supplier<Optional<Map<String, ?>>> data) {
        List<WebhookEndpoint> recipients = WebhookFanOut.recipients(type, organizationId, onlyWebhookId,
                endpoints.ofOrganization(organizationId));
        if (recipients.isEmpty()) {
            return; // nobody listens
        }
        Optional<Map<String, ?>> payload = data.get();
        if (payload.isEmpty()) {
            // Folded from the same events, so only an event about a resource the store never created gets here.
            log.warn("{} {} not sent: its resource is not in the payload views", type, eventId);
            return;
        }
        String body = WebhookBodies.body(eventId, type, message.getTimestamp(), organizationId, payload.get());
        for (ScheduleDelivery delivery : WebhookFanOut.deliveries(message.getIdentifier(), eventId, type, body, recipients)) {
            scheduling.schedule(delivery);
        }
    }

    private Optional<Map<String, ?>> data(ResourceEvent source) {
        return switch (source.resourceType()) {
            case JOB -> jobData(source.resourceId());
            case DATABASE -> databaseData(source.resourceId());
            case API_KEY -> apiKeyData(source.resourceId());
            default -> throw new IllegalStateException("no payload for " + source.resourceType());
        };
    }

    /** The job, and for a database job the database (which reads ready by the time job.completed is sent). */
    private Optional<Map<String, ?>> jobData(String jobId) {
        Optional<JobResource> job = views.job(jobId);
        if (job.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job", job.get());
        if (job.get().resourceType() == ResourceType.DATABASE) {
            var database = views.database(job.get().resourceId());
            if (database.isEmpty()) {
                return Optional.empty();
            }
            data.put("database", database.get());
        }
        return Optional.of(data);
    }

    private Optional<Map<String, ?>> databaseData(String databaseId) {
        return views.database(databaseId).map(d -> Map.of("database", d));
    }

    private Optional<Map<String, ?>> apiKeyData(String apiKeyId) {
        return views.apiKey(apiKeyId).map(k -> Map.of("apiKey", k));
    }
}
