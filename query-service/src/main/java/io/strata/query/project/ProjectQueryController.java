package io.strata.query.project;

import io.strata.contract.apikey.Scopes;
import io.strata.contract.project.ProjectResource;
import io.strata.platform.auth.Access;
import io.strata.platform.auth.Caller;
import io.strata.platform.web.ApiException;
import io.strata.platform.web.Envelopes;
import io.strata.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Projects")
public class ProjectQueryController {
    private final ProjectProjection projects;

    public ProjectQueryController(ProjectProjection projects) {
        this.projects = projects;
    }

    @GetMapping("/v1/projects")
    @Access.Scope(Scopes.PROJECTS_READ)
    @Operation(summary = "List projects", description = "A project-scoped key sees its own project only.")
    public Envelopes.Page<ProjectResource> list(Caller caller, @RequestParam(required = false) Integer limit,
                                                @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return page.page(projects.list(caller.organizationId(), caller.projectId(), page), ProjectProjection.Row::position,
                ProjectProjection.Row::project);
    }

    @GetMapping("/v1/projects/{id}")
    @Access.Scope(Scopes.PROJECTS_READ)
    @Operation(summary = "Get a project")
    public Envelopes.Data<ProjectResource> get(Caller caller, @PathVariable String id) {
        caller.requireProject("project", id, id);
        return Envelopes.data(projects.find(caller.organizationId(), id)
                .orElseThrow(() -> ApiException.notFound("project", id)));
    }
}
