package io.strata.webhooks.fanout;

import io.strata.webhooks.endpoint.WebhookEndpoint;

import io.strata.contract.apikey.ApiKeyEvents.ApiKeyCreated;
import io.strata.contract.apikey.ApiKeyEvents.ApiKeyRevoked;
import io.strata.contract.database.DatabaseEvents.CredentialsRotated;
import io.strata.contract.database.DatabaseEvents.DatabaseDeleted;
import io.strata.contract.database.DatabaseEvents.DatabaseFailed;
import io.strata.contract.database.DatabaseEvents.DatabaseReady;
import io.strata.contract.job.JobEvents.JobCompleted;
import io.strata.contract.job.JobEvents.JobFailed;
import io.strata.contract.webhook.DeliveryCommands.ScheduleDelivery;
import io.strata.contract.webhook.WebhookEventTypes;
import io.strata.contract.webhook.WebhookEvents.WebhookTestRequested;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which source events become which webhook types, and which endpoints receive them. No I/O. */
public final class WebhookFanOut {
    private static final Map<Class<?>, String> TYPES = Map.of(
            JobCompleted.class, WebhookEventTypes.JOB_COMPLETED,
            JobFailed.class, WebhookEventTypes.JOB_FAILED,
            DatabaseReady.class, WebhookEventTypes.DATABASE_READY,
            DatabaseFailed.class, WebhookEventTypes.DATABASE_FAILED,
            DatabaseDeleted.class, WebhookEventTypes.DATABASE_DELETED,
            CredentialsRotated.class, WebhookEventTypes.CREDENTIALS_ROTATED,
            ApiKeyCreated.class, WebhookEventTypes.API_KEY_CREATED,
            ApiKeyRevoked.class, WebhookEventTypes.API_KEY_REVOKED,
            WebhookTestRequested.class, WebhookEventTypes.WEBHOOK_TEST);

    private WebhookFanOut() {
    }

    public static Optional<String> typeOf(Object sourceEvent) {
        return Optional.ofNullable(TYPES.get(sourceEvent.getClass()));
    }

    /**
     * The endpoints that get one delivery: active ones of the organization subscribed to the type;
     * a test goes to its own endpoint only, whatever it subscribed to.
     */
    public static List<WebhookEndpoint> recipients(String type, String organizationId, String onlyWebhookId,
                                                   List<WebhookEndpoint> endpoints) {
        return endpoints.stream()
                .filter(e -> e.organizationId().equals(organizationId) && e.active())
                .filter(e -> onlyWebhookId != null ? e.id().equals(onlyWebhookId) : e.subscribedTo(type))
                .toList();
    }

    /** One ScheduleDelivery per recipient; ids are derived from the source event, so a redelivered one repeats them. */
    public static List<ScheduleDelivery> deliveries(String sourceEventIdentifier, String eventId, String type,
                                                    String body, List<WebhookEndpoint> recipients) {
        return recipients.stream()
                .map(e -> new ScheduleDelivery(WebhookIds.deliveryId(sourceEventIdentifier, e.id()), e.id(),
                        e.organizationId(), eventId, type, body))
                .toList();
    }
}
