package io.strata.contract.apikey;

import io.strata.contract.ResourceEvent;
import io.strata.contract.ResourceType;

/** An event of the ApiKey aggregate. */
public interface ApiKeyEvent extends ResourceEvent {
    String apiKeyId();

    @Override
    default ResourceType resourceType() {
        return ResourceType.API_KEY;
    }

    @Override
    default String resourceId() {
        return apiKeyId();
    }
}
