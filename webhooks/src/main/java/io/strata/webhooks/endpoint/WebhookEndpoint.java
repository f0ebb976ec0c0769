package io.strata.webhooks.endpoint;

import java.time.Instant;
import java.util.List;

/** One row of wh_endpoints. The secrets are sealed; toString keeps them out of logs anyway. */
public record WebhookEndpoint(String id, String organizationId, String url, List<String> events, boolean enabled,
                              boolean deleted, String sealedSecret, String sealedPreviousSecret,
                              Instant previousSecretExpiresAt) {

    public boolean active() {
        return enabled && !deleted;
    }

    public boolean subscribedTo(String type) {
        return events.contains(type);
    }

    /** Whether deliveries are still signed with the previous secret as well. */
    public boolean rotating(Instant now) {
        return sealedPreviousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt);
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[" + id + ", enabled=" + enabled + ", deleted=" + deleted + "]";
    }
}
