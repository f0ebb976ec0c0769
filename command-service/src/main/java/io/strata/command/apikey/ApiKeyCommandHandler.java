package io.strata.command.apikey;

import io.strata.command.project.Project;
import io.strata.contract.Refusal;
import io.strata.contract.apikey.ApiKeyCommands.CreateApiKey;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** Creates keys after checking, in the same unit of work, that a named project is the caller's and alive. */
@Component
public class ApiKeyCommandHandler {
    private final Repository<ApiKey> apiKeys;
    private final Repository<Project> projects;

    public ApiKeyCommandHandler(Repository<ApiKey> apiKeys, Repository<Project> projects) {
        this.apiKeys = apiKeys;
        this.projects = projects;
    }

    @CommandHandler
    public void handle(CreateApiKey command) throws Exception {
        if (command.projectId() != null) {
            boolean live;
            try {
                live = projects.load(command.projectId())
                        .invoke(p -> p.isLiveIn(command.organizationId()));
            } catch (AggregateNotFoundException e) {
                live = false;
            }
            if (!live) {
                throw Refusal.notFound("project", command.projectId());
            }
        }
        apiKeys.newInstance(() -> new ApiKey(command));
    }
}
