package io.strata.query.database;

import io.strata.contract.WireEnum;
import io.strata.contract.apikey.Scopes;
import io.strata.contract.database.DatabaseResource;
import io.strata.contract.database.DatabaseStatus;
import io.strata.contract.database.Engines;
import io.strata.platform.auth.Access;
import io.strata.platform.auth.Caller;
import io.strata.platform.web.ApiException;
import io.strata.platform.web.Envelopes;
import io.strata.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Databases")
public class DatabaseQueryController {
    private static final List<String> STATUSES = WireEnum.names(DatabaseStatus.class);

    private final DatabaseProjection databases;

    public DatabaseQueryController(DatabaseProjection databases) {
        this.databases = databases;
    }

    @GetMapping("/v1/databases")
    @Access.Scope(Scopes.DATABASES_READ)
    @Operation(summary = "List databases", description = "Filters: projectId, engine, status. Deleted databases are "
            + "listed only with status=deleted.")
    public Envelopes.Page<DatabaseResource> list(Caller caller, @RequestParam(required = false) String projectId,
                                                 @RequestParam(required = false) String engine,
                                                 @RequestParam(required = false) String status,
                                                 @RequestParam(required = false) Integer limit,
                                                 @RequestParam(required = false) String cursor) {
        if (engine != null && !Engines.ALL.contains(engine)) {
            throw ApiException.badRequest("invalid_filter", "engine must be one of " + String.join(", ", Engines.ALL));
        }
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("invalid_filter", "status must be one of " + String.join(", ", STATUSES));
        }
        PageRequest page = PageRequest.of(limit, cursor);
        var rows = databases.list(caller.organizationId(), caller.projectId(),
                new DatabaseProjection.Filter(projectId, engine, status), page);
        return page.page(rows, DatabaseProjection.Row::position, DatabaseProjection.Row::database);
    }

    @GetMapping("/v1/databases/{id}")
    @Access.Scope(Scopes.DATABASES_READ)
    @Operation(summary = "Get a database", description = "The ETag is the database's version, for PATCH's If-Match.")
    public ResponseEntity<Envelopes.Data<DatabaseResource>> get(Caller caller, @PathVariable String id) {
        DatabaseResource database = databases.find(caller.organizationId(), id)
                .orElseThrow(() -> ApiException.notFound("database", id));
        caller.requireProject("database", id, database.projectId());
        return ResponseEntity.ok().eTag(Long.toString(database.version())).body(Envelopes.data(database));
    }
}
