package io.strata.command.database;

import io.strata.command.project.Project;
import io.strata.contract.Refusal;
import io.strata.contract.database.DatabaseCommands.CreateDatabase;
import io.strata.contract.database.DatabaseCommands.RegisterDatabase;
import io.strata.contract.database.DatabaseResource;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** Creates and registers databases after checking, in the same unit of work, that the project is the caller's and alive. */
@Component
public class DatabaseCommandHandler {
    private final Repository<Database> databases;
    private final Repository<Project> projects;

    public DatabaseCommandHandler(Repository<Database> databases, Repository<Project> projects) {
        this.databases = databases;
        this.projects = projects;
    }

    @CommandHandler
    public DatabaseResource handle(CreateDatabase command) throws Exception {
        requireLiveProject(command.organizationId(), command.projectId());
        return databases.newInstance(() -> new Database(command)).invoke(Database::view);
    }

    @CommandHandler
    public DatabaseResource handle(RegisterDatabase command) throws Exception {
        requireLiveProject(command.organizationId(), command.projectId());
        return databases.newInstance(() -> new Database(command)).invoke(Database::view);
    }

    private void requireLiveProject(String organizationId, String projectId) {
        boolean live;
        try {
            live = projects.load(projectId).invoke(p -> p.isLiveIn(organizationId));
        } catch (AggregateNotFoundException e) {
            live = false;
        }
        if (!live) {
            throw Refusal.notFound("project", projectId);
        }
    }
}
