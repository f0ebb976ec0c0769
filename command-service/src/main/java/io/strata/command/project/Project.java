package io.strata.command.project;

import io.strata.contract.Refusal;
import io.strata.contract.project.ProjectCommands.CreateProject;
import io.strata.contract.project.ProjectCommands.DeleteProject;
import io.strata.contract.project.ProjectCommands.RenameProject;
import io.strata.contract.project.ProjectEvents.ProjectCreated;
import io.strata.contract.project.ProjectEvents.ProjectDeleted;
import io.strata.contract.project.ProjectEvents.ProjectRenamed;
import io.strata.contract.project.ProjectResource;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A project groups an organization's databases. A deleted project is gone for every caller. */
@Aggregate
public class Project {
    @AggregateIdentifier
    private String id;
    private String organizationId;
    private String name;
    private boolean deleted;
    private Instant createdAt;
    private Instant updatedAt;

    protected Project() {
    }

    @CommandHandler
    public Project(CreateProject command) {
        apply(new ProjectCreated(command.projectId(), command.organizationId(), command.name()));
    }

    @CommandHandler
    public ProjectResource handle(RenameProject command) {
        requireLiveIn(command.organizationId());
        if (!name.equals(command.name())) {
            apply(new ProjectRenamed(id, organizationId, command.name()));
        }
        return view();
    }

    @CommandHandler
    public void handle(DeleteProject command) {
        requireLiveIn(command.organizationId());
        apply(new ProjectDeleted(id, organizationId));
    }

    public boolean isLiveIn(String organizationId) {
        return !deleted && this.organizationId.equals(organizationId);
    }

    public ProjectResource view() {
        return new ProjectResource(id, organizationId, name, createdAt, updatedAt);
    }

    private void requireLiveIn(String organizationId) {
        if (!isLiveIn(organizationId)) {
            throw Refusal.notFound("project", id);
        }
    }

    @EventSourcingHandler
    void on(ProjectCreated event, @Timestamp Instant at) {
        id = event.projectId();
        organizationId = event.organizationId();
        name = event.name();
        createdAt = at;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(ProjectRenamed event, @Timestamp Instant at) {
        name = event.name();
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(ProjectDeleted event, @Timestamp Instant at) {
        deleted = true;
        updatedAt = at;
    }
}
