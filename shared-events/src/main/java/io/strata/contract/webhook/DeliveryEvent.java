package io.strata.contract.webhook;

import io.strata.contract.ResourceEvent;
import io.strata.contract.ResourceType;

/** An event of the WebhookDelivery aggregate: a delivery is a resource of its own, under its endpoint. */
public interface DeliveryEvent extends ResourceEvent {
    String deliveryId();

    @Override
    default ResourceType resourceType() {
        return ResourceType.DELIVERY;
    }

    @Override
    default String resourceId() {
        return deliveryId();
    }
}
