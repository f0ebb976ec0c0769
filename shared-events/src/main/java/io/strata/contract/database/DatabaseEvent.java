package io.strata.contract.database;

import io.strata.contract.ResourceEvent;
import io.strata.contract.ResourceType;

/** An event of the Database aggregate. */
public interface DatabaseEvent extends ResourceEvent {
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
