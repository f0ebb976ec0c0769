package io.strata.contract.webhook;

import java.time.Instant;
import java.util.List;

/** Events of the WebhookEndpoint aggregate. {@code sealedSecret} is ciphertext; the plaintext is shown once, at creation. */
public final class WebhookEvents {
    private WebhookEvents() {
    }

    public record WebhookEndpointCreated(String webhookId, String organizationId, String url, List<String> events,
                                         String description, String sealedSecret) {
    }

    /** The endpoint's whole new configuration. */
    public record WebhookEndpointUpdated(String webhookId, String organizationId, String url, List<String> events,
                                         boolean enabled, String description) {
    }

    public record WebhookEndpointDeleted(String webhookId, String organizationId) {
    }

    /** The previous secret keeps signing (beside the new one) until {@code previousSecretExpiresAt}. */
    public record WebhookSecretRotated(String webhookId, String organizationId, String sealedSecret,
                                       Instant previousSecretExpiresAt) {
    }

    public record WebhookTestRequested(String webhookId, String organizationId, String eventId) {
    }

    public record WebhookRedeliveryRequested(String webhookId, String organizationId, String deliveryId) {
    }

    public record WebhookEndpointDisabled(String webhookId, String organizationId, String reason) {
    }
}
