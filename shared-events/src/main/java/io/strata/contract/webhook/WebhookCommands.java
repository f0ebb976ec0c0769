package io.strata.contract.webhook;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Commands of the WebhookEndpoint aggregate (command-service). Signing secrets travel only sealed
 * (AES-GCM under STRATA_SECRETS_KEY, bound to the webhook id).
 */
public final class WebhookCommands {
    private WebhookCommands() {
    }

    public record CreateWebhookEndpoint(@TargetAggregateIdentifier String webhookId, String organizationId, String url,
                                        List<String> events, String description, String sealedSecret) {
    }

    /** Null fields are left as they are. */
    public record UpdateWebhookEndpoint(@TargetAggregateIdentifier String webhookId, String organizationId, String url,
                                        List<String> events, Boolean enabled, String description) {
    }

    public record DeleteWebhookEndpoint(@TargetAggregateIdentifier String webhookId, String organizationId) {
    }

    public record RotateWebhookSecret(@TargetAggregateIdentifier String webhookId, String organizationId,
                                      String sealedSecret, Instant previousSecretExpiresAt) {
    }

    public record SendWebhookTest(@TargetAggregateIdentifier String webhookId, String organizationId, String eventId) {
    }

    public record RequestRedelivery(@TargetAggregateIdentifier String webhookId, String organizationId,
                                    String deliveryId) {
    }

    /** Sent by command-service's policy when a delivery was answered 410 Gone. */
    public record DisableWebhookEndpoint(@TargetAggregateIdentifier String webhookId, String reason) {
    }
}
