package io.strata.contract.project;

/** Events of the Project aggregate. */
public final class ProjectEvents {
    private ProjectEvents() {
    }

    public record ProjectCreated(String projectId, String organizationId, String name) {
    }

    public record ProjectRenamed(String projectId, String organizationId, String name) {
    }

    public record ProjectDeleted(String projectId, String organizationId) {
    }
}
