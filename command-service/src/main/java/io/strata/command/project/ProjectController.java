package io.strata.command.project;

import io.strata.command.Names;
import io.strata.command.database.DatabaseCatalog;
import io.strata.contract.Ids;
import io.strata.contract.apikey.Scopes;
import io.strata.contract.project.ProjectCommands.CreateProject;
import io.strata.contract.project.ProjectCommands.DeleteProject;
import io.strata.contract.project.ProjectCommands.RenameProject;
import io.strata.contract.project.ProjectResource;
import io.strata.platform.auth.Access;
import io.strata.platform.auth.Caller;
import io.strata.platform.command.CommandSender;
import io.strata.platform.web.ApiException;
import io.strata.platform.web.Envelopes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;

@RestController
@Tag(name = "Projects")
public class ProjectController {
    public record ProjectRequest(String name) {
    }

    private final CommandSender commands;
    private final DatabaseCatalog databases;
    private final Clock clock;

    public ProjectController(CommandSender commands, DatabaseCatalog databases, Clock clock) {
        this.commands = commands;
        this.databases = databases;
        this.clock = clock;
    }

    @PostMapping("/v1/projects")
    @Access.Scope(Scopes.PROJECTS_WRITE)
    @Operation(summary = "Create a project")
    public ResponseEntity<Envelopes.Data<ProjectResource>> create(Caller caller, @RequestBody ProjectRequest request) {
        if (caller.projectScoped()) {
            throw ApiException.forbidden("project_scoped_key", "a project-scoped key cannot create projects");
        }
        String name = Names.require("name", request.name());
        String id = Ids.project();
        Instant now = clock.instant();
        commands.send(new CreateProject(id, caller.organizationId(), name), id);
        return ResponseEntity.created(URI.create("/v1/projects/" + id))
                .body(Envelopes.data(new ProjectResource(id, caller.organizationId(), name, now, now)));
    }

    @PatchMapping("/v1/projects/{id}")
    @Access.Scope(Scopes.PROJECTS_WRITE)
    @Operation(summary = "Rename a project")
    public Envelopes.Data<ProjectResource> rename(Caller caller, @PathVariable String id, @RequestBody ProjectRequest request) {
        caller.requireProject("project", id, id);
        String name = Names.require("name", request.name());
        return Envelopes.data(commands.send(new RenameProject(id, caller.organizationId(), name), id));
    }

    @DeleteMapping("/v1/projects/{id}")
    @Access.Scope(Scopes.PROJECTS_WRITE)
    @Operation(summary = "Delete a project", description = "409 project_not_empty while it has live databases.")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        caller.requireProject("project", id, id);
        if (databases.hasLiveDatabases(caller.organizationId(), id)) {
            throw ApiException.conflict("project_not_empty", "project " + id + " still has databases; delete them first");
        }
        commands.send(new DeleteProject(id, caller.organizationId()), id);
        return ResponseEntity.noContent().build();
    }
}
