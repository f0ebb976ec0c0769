package io.strata.contract.webhook;

import java.time.Instant;
import java.util.List;

/** A webhook endpoint as the REST API returns it. Never its secret (shown once, in {@link CreatedWebhook}). */
public record WebhookResource(String id, String url, List<String> events, String description, boolean enabled,
                              String disabledReason, Instant createdAt, Instant updatedAt) {

    public record CreatedWebhook(String id, String url, List<String> events, String description, boolean enabled,
                                 String disabledReason, Instant createdAt, Instant updatedAt, String secret) {
        @Override
        public String toString() {
            return "CreatedWebhook[" + id + "]";
        }
    }

    /** The answer to a secret rotation: the new secret, shown this once. */
    public record RotatedSecret(String id, String secret, Instant previousSecretExpiresAt) {
        @Override
        public String toString() {
            return "RotatedSecret[" + id + "]";
        }
    }
}
