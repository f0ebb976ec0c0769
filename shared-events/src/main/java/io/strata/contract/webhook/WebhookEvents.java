package io.strata.contract.webhook;

import io.strata.contract.EventType;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** Events of the WebhookEndpoint aggregate. {@code sealedSecret} is ciphertext; the plaintext is shown once, at creation. */
public final class WebhookEvents {
    private WebhookEvents() {
    }

    @EventType("WebhookEndpointCreated")
    @Revision("1")
    public record WebhookEndpointCreated(String webhookId, String organizationId, String url, List<String> events,
                                         String description, String sealedSecret) implements WebhookEndpointEvent {
    }

    /** The endpoint's whole new configuration. */
    @EventType("WebhookEndpointUpdated")
    @Revision("1")
    public record WebhookEndpointUpdated(String webhookId, String organizationId, String url, List<String> events,
                                         boolean enabled, String description) implements WebhookEndpointEvent {
    }

    @EventType("WebhookEndpointDeleted")
    @Revision("1")
    public record WebhookEndpointDeleted(String webhookId, String organizationId) implements WebhookEndpointEvent {
    }

    /** The previous secret keeps signing (beside the new one) until {@code previousSecretExpiresAt}. */
    @EventType("WebhookSecretRotated")
    @Revision("1")
    public record WebhookSecretRotated(String webhookId, String organizationId, String sealedSecret,
                                       Instant previousSecretExpiresAt) implements WebhookEndpointEvent {
    }

    @EventType("WebhookTestRequested")
    @Revision("1")
    public record WebhookTestRequested(String webhookId, String organizationId, String eventId)
            implements WebhookEndpointEvent {
    }

    @EventType("WebhookRedeliveryRequested")
    @Revision("1")
    public record WebhookRedeliveryRequested(String webhookId, String organizationId, String deliveryId)
            implements WebhookEndpointEvent {
    }

    @EventType("WebhookEndpointDisabled")
    @Revision("1")
    public record WebhookEndpointDisabled(String webhookId, String organizationId, String reason)
            implements WebhookEndpointEvent {
    }
}
