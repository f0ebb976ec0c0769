package io.strata.provisioner.webhook;

import io.strata.contract.ResourceType;
import io.strata.contract.apikey.ApiKeyEvents.ApiKeyCreated;
import io.strata.contract.apikey.ApiKeyEvents.ApiKeyRevoked;
import io.strata.contract.database.DatabaseEvents.CredentialsRotated;
import io.strata.contract.database.DatabaseEvents.DatabaseDeleted;
import io.strata.contract.database.DatabaseEvents.DatabaseFailed;
import io.strata.contract.database.DatabaseEvents.DatabaseReady;
import io.strata.contract.job.JobEvents.JobCompleted;
import io.strata.contract.job.JobEvents.JobFailed;
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
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The delivery side's view of endpoints AND the fan-out of source events, in one tracking
 * processor: both are handled in store order, so an endpoint created just before a job completes
 * gets that job's event, and one deleted just before does not. Failures propagate (see
 * {@link WebhookConfiguration}): the event is retried, never skipped.
 */
@Component
@ProcessingGroup(WebhookEventRouter.GROUP)
public class WebhookEventRouter {
    public static final String GROUP = "provisioner.webhooks";
    private static final Logger log = LoggerFactory.getLogger(WebhookEventRouter.class);
    // The query-service projections each payload is read from.
    private static final Set<String> JOB_VIEWS = Set.of(QuerySideResources.JOBS, QuerySideResources.DATABASES);
    private static final Set<String> DATABASE_VIEWS = Set.of(QuerySideResources.DATABASES);
    private static final Set<String> API_KEY_VIEWS = Set.of(QuerySideResources.API_KEYS);

    private final WebhookEndpoints endpoints;
    private final QuerySideResources querySide;
    private final DeliveryScheduling scheduling;

    public WebhookEventRouter(WebhookEndpoints endpoints, QuerySideResources querySide, DeliveryScheduling scheduling) {
        this.endpoints = endpoints;
        this.querySide = querySide;
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
    void on(WebhookRedeliveryRequested e) {
        scheduling.restart(e.webhookId(), e.deliveryId());
    }

    // Source events.

    @EventHandler
    void on(JobCompleted e, EventMessage<?> message, TrackingToken token) {
        fanOut(message, token, JOB_VIEWS, WebhookEventTypes.JOB_COMPLETED, e.organizationId(), () -> jobData(e.jobId()));
    }

    @EventHandler
    void on(JobFailed e, EventMessage<?> message, TrackingToken token) {
        fanOut(message, token, JOB_VIEWS, WebhookEventTypes.JOB_FAILED, e.organizationId(), () -> jobData(e.jobId()));
    }

    @EventHandler
    void on(DatabaseReady e, EventMessage<?> message, TrackingToken token) {
        fanOut(message, token, DATABASE_VIEWS, WebhookEventTypes.DATABASE_READY, e.organizationId(), () -> databaseData(e.databaseId()));
    }

    @EventHandler
    void on(DatabaseFailed e, EventMessage<?> message, TrackingToken token) {
        fanOut(message, token, DATABASE_VIEWS, WebhookEventTypes.DATABASE_FAILED, e.organizationId(), () -> databaseData(e.databaseId()));
    }

    @EventHandler
    void on(DatabaseDeleted e, EventMessage<?> message, TrackingToken token) {
        fanOut(message, token, DATABASE_VIEWS, WebhookEventTypes.DATABASE_DELETED, e.organizationId(), () -> databaseData(e.databaseId()));
    }

    @EventHandler
    void on(CredentialsRotated e, EventMessage<?> message, TrackingToken token) {
        fanOut(message, token, DATABASE_VIEWS, WebhookEventTypes.CREDENTIALS_ROTATED, e.organizationId(), () -> databaseData(e.databaseId()));
    }

    @EventHandler
    void on(ApiKeyCreated e, EventMessage<?> message, TrackingToken token) {
        fanOut(message, token, API_KEY_VIEWS, WebhookEventTypes.API_KEY_CREATED, e.organizationId(), () -> apiKeyData(e.apiKeyId()));
    }

    @EventHandler
    void on(ApiKeyRevoked e, EventMessage<?> message, TrackingToken token) {
        fanOut(message, token, API_KEY_VIEWS, WebhookEventTypes.API_KEY_REVOKED, e.organizationId(), () -> apiKeyData(e.apiKeyId()));
    }

    /** The test event's id is the one command-service answered with, when it chose one. */
    @EventHandler
    void on(WebhookTestRequested e, EventMessage<?> message) {
        String eventId = e.eventId() != null ? e.eventId() : WebhookIds.eventId(message.getIdentifier());
        schedule(message, eventId, WebhookEventTypes.WEBHOOK_TEST, e.organizationId(), e.webhookId(),
                () -> Optional.of(Map.of("webhookId", e.webhookId())));
    }

    private void fanOut(EventMessage<?> message, TrackingToken token, Set<String> views, String type,
                        String organizationId, Supplier<Optional<Map<String, ?>>> data) {
        schedule(message, WebhookIds.eventId(message.getIdentifier()), type, organizationId, null, () -> {
            // The payload is what a GET returns: wait until query-service has handled this very event.
            querySide.awaitProcessed(views, token.position().orElseThrow());
            return data.get();
        });
    }

    private void schedule(EventMessage<?> message, String eventId, String type, String organizationId,
                          String onlyWebhookId, Supplier<Optional<Map<String, ?>>> data) {
        List<WebhookEndpoint> recipients = WebhookFanOut.recipients(type, organizationId, onlyWebhookId,
                endpoints.ofOrganization(organizationId));
        if (recipients.isEmpty()) {
            return; // nobody listens: no need to wait for the query side
        }
        Optional<Map<String, ?>> payload = data.get();
        if (payload.isEmpty()) {
            // The query side has passed this event and has no such row: waiting longer would block every
            // later event for good, so this one is not sent.
            log.warn("{} {} not sent: its resource is not on the query side", type, eventId);
            return;
        }
        String body = WebhookBodies.body(eventId, type, message.getTimestamp(), organizationId, payload.get());
        for (ScheduleDelivery delivery : WebhookFanOut.deliveries(message.getIdentifier(), eventId, type, body, recipients)) {
            scheduling.schedule(delivery);
        }
    }

    /** The job, and for a database job the database (which reads ready by the time job.completed is sent). */
    private Optional<Map<String, ?>> jobData(String jobId) {
        Optional<JobResource> job = querySide.job(jobId);
        if (job.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job", job.get());
        if (job.get().resourceType() == ResourceType.DATABASE) {
            var database = querySide.database(job.get().resourceId());
            if (database.isEmpty()) {
                return Optional.empty();
            }
            data.put("database", database.get());
        }
        return Optional.of(data);
    }

    private Optional<Map<String, ?>> databaseData(String databaseId) {
        return querySide.database(databaseId).map(d -> Map.of("database", d));
    }

    private Optional<Map<String, ?>> apiKeyData(String apiKeyId) {
        return querySide.apiKey(apiKeyId).map(k -> Map.of("apiKey", k));
    }
}
