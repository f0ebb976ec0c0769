package io.strata.contract.organization;

import io.strata.contract.ResourceEvent;
import io.strata.contract.ResourceType;

/** An event of the Organization aggregate: the organization is the resource itself. */
public interface OrganizationResourceEvent extends ResourceEvent {
    @Override
    default ResourceType resourceType() {
        return ResourceType.ORGANIZATION;
    }

    @Override
    default String resourceId() {
        return organizationId();
    }
}
