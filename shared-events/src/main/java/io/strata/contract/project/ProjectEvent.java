package io.strata.contract.project;

import io.strata.contract.ResourceEvent;
import io.strata.contract.ResourceType;

/** An event of the Project aggregate; its project is the project itself (the record's projectId). */
public interface ProjectEvent extends ResourceEvent {
    String projectId();

    @Override
    default ResourceType resourceType() {
        return ResourceType.PROJECT;
    }

    @Override
    default String resourceId() {
        return projectId();
    }
}
