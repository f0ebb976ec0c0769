package io.strata.query.audit;

import io.strata.contract.apikey.Scopes;
import io.strata.platform.auth.Access;
import io.strata.platform.auth.Caller;
import io.strata.platform.web.ApiException;
import io.strata.platform.web.Envelopes;
import io.strata.platform.web.PageRequest;
import io.strata.query.job.JobProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

@RestController
@Tag(name = "Audit")
public class AuditController {
    private static final Map<String, String> RESOURCES = Map.of("databases", "database", "projects", "project",
            "api-keys", "api_key", "webhooks", "webhook", "jobs", "job");

    private final AuditLogProjection auditLog;
    private final ResourceHistory history;
    private final JobProjection jobs;

    public AuditController(AuditLogProjection auditLog, ResourceHistory history, JobProjection jobs) {
        this.auditLog = auditLog;
        this.history = history;
        this.jobs = jobs;
    }

    @GetMapping("/v1/audit-log")
    @Access.Scope(Scopes.AUDIT_READ)
    @Operation(summary = "The organization's events in store order",
            description = "Who (actor), when, from which request (requestId), what (type, resource, data; never a secret). "
                    + "Filters: resourceId, type (event name, e.g. DatabaseReady), actorId, after (a position).")
    public Envelopes.Page<AuditEntry> list(Caller caller, @RequestParam(required = false) String resourceId,
                                           @RequestParam(required = false) String type,
                                           @RequestParam(required = false) String actorId,
                                           @RequestParam(required = false) Long after,
                                           @RequestParam(required = false) Integer limit,
                                           @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        var rows = auditLog.list(caller.organizationId(), caller.projectId(),
                new AuditLogProjection.Filter(resourceId, type, actorId, after), page);
        return page.page(rows, AuditEntry::position);
    }

    @GetMapping("/v1/audit-log/verify")
    @Access.Scope(Scopes.AUDIT_READ)
    @Operation(summary = "Recompute the organization's hash chain from the event store",
            description = "ok is false and firstBadPosition names the first event whose stored bytes no longer match the chain.")
    public Envelopes.Data<AuditLogProjection.Verification> verify(Caller caller) {
        if (caller.projectScoped()) {
            throw ApiException.forbidden("project_scoped_key", "the chain covers the whole organization; use an organization key");
        }
        return Envelopes.data(auditLog.verify(caller.organizationId()));
    }

    @GetMapping("/v1/{resource}/{id}/history")
    @Access.Scope(Scopes.AUDIT_READ)
    @Operation(summary = "Every event of one resource, oldest first, read from the event store",
            description = "resource: databases, projects, api-keys, webhooks or jobs.")
    public Envelopes.Data<List<AuditEntry>> history(Caller caller, @PathVariable String resource, @PathVariable String id) {
        if (!RESOURCES.containsKey(resource)) {
            throw ApiException.notFound("resource type", resource);
        }
        List<ResourceHistory.Event> events = history.of(id);
        boolean visible = !events.isEmpty()
                && events.stream().allMatch(e -> e.organizationId().equals(caller.organizationId()))
                && events.get(0).entry().resourceType().equals(RESOURCES.get(resource))
                && (!caller.projectScoped() || inProject(caller, resource, id, events));
        if (!visible) {
            throw ApiException.notFound(RESOURCES.get(resource).replace('_', ' '), id);
        }
        return Envelopes.data(events.stream().map(ResourceHistory.Event::entry).toList());
    }

    private boolean inProject(Caller caller, String resource, String id, List<ResourceHistory.Event> events) {
        if (resource.equals("jobs")) {
            return jobs.find(caller.organizationId(), caller.projectId(), id).isPresent();
        }
        return caller.projectId().equals(events.get(0).projectId());
    }
}
