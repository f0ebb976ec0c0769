package io.strata.contract.job;

import io.strata.contract.ResourceEvent;
import io.strata.contract.ResourceType;

/** An event of the Job aggregate. The resource the job acts on is {@code targetId}, not the event's resource. */
public interface JobEvent extends ResourceEvent {
    String jobId();

    @Override
    default ResourceType resourceType() {
        return ResourceType.JOB;
    }

    @Override
    default String resourceId() {
        return jobId();
    }
}
