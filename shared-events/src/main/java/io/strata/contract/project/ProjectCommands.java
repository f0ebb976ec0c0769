package io.strata.contract.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands of the Project aggregate. Each names the caller's organization so another tenant's id is "not found". */
public final class ProjectCommands {
    private ProjectCommands() {
    }

    public record CreateProject(@TargetAggregateIdentifier String projectId, String organizationId, String name) {
    }

    public record RenameProject(@TargetAggregateIdentifier String projectId, String organizationId, String name) {
    }

    public record DeleteProject(@TargetAggregateIdentifier String projectId, String organizationId) {
    }
}
