package io.strata.contract.usage;

import io.strata.contract.ResourceEvent;
import io.strata.contract.ResourceType;

/** A metering event: published without an aggregate, filed under the database it measures. */
public interface UsageEvent extends ResourceEvent {
    String databaseId();

    @Override
    default ResourceType resourceType() {
        return ResourceType.DATABASE;
    }

    @Override
    default String resourceId() {
        return databaseId();
    }
}
