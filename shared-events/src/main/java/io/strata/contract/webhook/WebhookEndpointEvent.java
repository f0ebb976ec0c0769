package io.strata.contract.webhook;

import io.strata.contract.ResourceEvent;
import io.strata.contract.ResourceType;

/** An event of the WebhookEndpoint aggregate (a webhook, in the API). */
public interface WebhookEndpointEvent extends ResourceEvent {
    String webhookId();

    @Override
    default ResourceType resourceType() {
        return ResourceType.WEBHOOK;
    }

    @Override
    default String resourceId() {
        return webhookId();
    }
}
