package io.strata.query.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.contract.apikey.Scopes;
import io.strata.platform.auth.Access;
import io.strata.platform.auth.Caller;
import io.strata.platform.web.ApiException;
import io.strata.platform.web.PageRequest;
import io.strata.query.apikey.ApiKeyProjection;
import io.strata.query.audit.AuditEntry;
import io.strata.query.audit.AuditLogProjection;
import io.strata.query.database.DatabaseProjection;
import io.strata.query.job.JobProjection;
import io.strata.query.organization.OrganizationProjection;
import io.strata.query.project.ProjectProjection;
import io.strata.query.webhook.WebhookProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Everything an organization has, as NDJSON, so a tenant can take its history elsewhere: one line
 * per resource ({@code {"kind": "project", "data": {...}}}), then one per event of its audit log, in
 * store order. Written page by page while it is read: memory stays flat whatever the history's size.
 */
@RestController
@Tag(name = "Organizations")
public class ExportController {
    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final int PAGE = PageRequest.MAX_LIMIT;

    /** Fetches one page of rows after a position. */
    private interface Pager<R> {
        List<R> page(PageRequest page);
    }

    private final ObjectMapper json;
    private final OrganizationProjection organizations;
    private final ApiKeyProjection apiKeys;
    private final ProjectProjection projects;
    private final DatabaseProjection databases;
    private final JobProjection jobs;
    private final WebhookProjection webhooks;
    private final AuditLogProjection auditLog;

    public ExportController(ObjectMapper json, OrganizationProjection organizations, ApiKeyProjection apiKeys,
                            ProjectProjection projects, DatabaseProjection databases, JobProjection jobs,
                            WebhookProjection webhooks, AuditLogProjection auditLog) {
        this.json = json;
        this.organizations = organizations;
        this.apiKeys = apiKeys;
        this.projects = projects;
        this.databases = databases;
        this.jobs = jobs;
        this.webhooks = webhooks;
        this.auditLog = auditLog;
    }

    @GetMapping(value = "/v1/organizations/{id}/export", produces = "application/x-ndjson")
    @Access.Scope(Scopes.ORGANIZATIONS_READ)
    @Operation(summary = "Export the organization: every resource and every event, as NDJSON",
            description = "Streamed. Lines: {\"kind\": \"organization|apiKey|project|database|job|webhook|event\", \"data\": {...}}. "
                    + "Never a secret. Needs a key of the whole organization (not project-scoped).")
    public ResponseEntity<StreamingResponseBody> export(Caller caller, @PathVariable String id) {
        if (!id.equals(caller.organizationId())) {
            throw ApiException.notFound("organization", id);
        }
        if (caller.projectScoped()) {
            throw ApiException.forbidden("project_scoped_key", "an export covers the whole organization; use an organization key");
        }
        var organization = organizations.find(id).orElseThrow(() -> ApiException.notFound("organization", id));
        StreamingResponseBody body = out -> {
            line(out, "organization", organization);
            all(out, "apiKey", p -> apiKeys.list(id, null, p), ApiKeyProjection.Row::position, ApiKeyProjection.Row::key);
            all(out, "project", p -> projects.list(id, null, p), ProjectProjection.Row::position, ProjectProjection.Row::project);
            all(out, "database", p -> databases.list(id, null, new DatabaseProjection.Filter(null, null, null), p),
                    DatabaseProjection.Row::position, DatabaseProjection.Row::database);
            all(out, "database", p -> databases.list(id, null, new DatabaseProjection.Filter(null, null, "deleted"), p),
                    DatabaseProjection.Row::position, DatabaseProjection.Row::database);
            all(out, "job", p -> jobs.list(id, null, new JobProjection.Filter(null, null, null), p),
                    JobProjection.Row::position, JobProjection.Row::job);
            all(out, "webhook", p -> webhooks.list(id, p), WebhookProjection.Row::position, WebhookProjection.Row::webhook);
            all(out, "event", p -> auditLog.list(id, null, new AuditLogProjection.Filter(null, null, null, null), p),
                    AuditEntry::position, Function.identity());
        };
        return ResponseEntity.ok().contentType(NDJSON)
                .header("Content-Disposition", "attachment; filename=\"" + id + ".ndjson\"").body(body);
    }

    private <R> void all(OutputStream out, String kind, Pager<R> pager, ToLongFunction<R> position, Function<R, ?> data)
            throws IOException {
        long after = -1;
        while (true) {
            List<R> rows = pager.page(new PageRequest(PAGE, after)); // PAGE + 1 rows when there are more
            boolean more = rows.size() > PAGE;
            List<R> page = more ? rows.subList(0, PAGE) : rows;
            for (R row : page) {
                line(out, kind, data.apply(row));
            }
            if (!more) {
                out.flush();
                return;
            }
            after = position.applyAsLong(page.get(PAGE - 1));
        }
    }

    private void line(OutputStream out, String kind, Object data) {
        try {
            out.write(json.writeValueAsBytes(Map.of("kind", kind, "data", data)));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
