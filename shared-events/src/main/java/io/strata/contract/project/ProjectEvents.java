package io.strata.contract.project;

import io.strata.contract.EventType;
import org.axonframework.serialization.Revision;

/** Events of the Project aggregate. */
public final class ProjectEvents {
    private ProjectEvents() {
    }

    @EventType("ProjectCreated")
    @Revision("1")
    public record ProjectCreated(String projectId, String organizationId, String name) implements ProjectEvent {
    }

    @EventType("ProjectRenamed")
    @Revision("1")
    public record ProjectRenamed(String projectId, String organizationId, String name) implements ProjectEvent {
    }

    @EventType("ProjectDeleted")
    @Revision("1")
    public record ProjectDeleted(String projectId, String organizationId) implements ProjectEvent {
    }
}
