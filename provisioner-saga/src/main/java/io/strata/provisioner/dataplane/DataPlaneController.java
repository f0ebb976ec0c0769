package io.strata.provisioner.dataplane;

import io.strata.contract.apikey.Scopes;
import io.strata.contract.database.DatabaseStatus;
import io.strata.engines.ConnectionCheck;
import io.strata.engines.EngineException;
import io.strata.engines.EngineRegistry;
import io.strata.engines.EngineTenant;
import io.strata.engines.QueryRequest;
import io.strata.engines.QueryResult;
import io.strata.engines.TableInfo;
import io.strata.platform.auth.Access;
import io.strata.platform.auth.Caller;
import io.strata.platform.web.ApiException;
import io.strata.platform.web.Envelopes;
import io.strata.provisioner.usage.UsageMeter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;

/** The data plane: connection details, live checks, tables and SQL over HTTP, always as the database's own user. */
@RestController
@Tag(name = "Data plane")
public class DataPlaneController {
    public record QueryBody(String query, List<Object> params, Boolean readOnly, Integer timeoutMs, Integer maxRows) {
        @Override
        public String toString() {
            return "QueryBody[" + (query == null ? 0 : query.length()) + " chars]";
        }
    }

    static final int MAX_QUERY_LENGTH = 100_000;

    private final DataPlaneDatabases databases;
    private final TenantConnections connections;
    private final EngineRegistry engines;
    private final UsageMeter usage;
    private final Duration defaultTimeout;
    private final Duration maxTimeout;
    private final int defaultMaxRows;
    private final int maxRowsLimit;

    public DataPlaneController(DataPlaneDatabases databases, TenantConnections connections, EngineRegistry engines,
                               UsageMeter usage,
                               @Value("${strata.query.default-timeout:10s}") Duration defaultTimeout,
                               @Value("${strata.query.max-timeout:60s}") Duration maxTimeout,
                               @Value("${strata.query.default-max-rows:1000}") int defaultMaxRows,
                               @Value("${strata.query.max-rows-limit:10000}") int maxRowsLimit) {
        this.databases = databases;
        this.connections = connections;
        this.engines = engines;
        this.usage = usage;
        this.defaultTimeout = defaultTimeout;
        this.maxTimeout = maxTimeout;
        this.defaultMaxRows = defaultMaxRows;
        this.maxRowsLimit = maxRowsLimit;
    }

    @GetMapping("/v1/databases/{id}/connection")
    @Access.Scope(Scopes.CREDENTIALS_READ)
    @Operation(summary = "Connection details of a database, with its password",
            description = "The password is returned on every call (never stored in plaintext by Strata); responses are not cacheable.")
    public ResponseEntity<Envelopes.Data<TenantConnections.Details>> connection(Caller caller, @PathVariable String id) {
        DataPlaneDatabases.Row db = ready(caller, id);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Envelopes.data(connections.details(db)));
    }

    @GetMapping("/v1/databases/{id}/connection-check")
    @Access.Scope(Scopes.DATABASES_READ)
    @Operation(summary = "Check live that the database accepts its credentials")
    public Envelopes.Data<ConnectionCheck> check(Caller caller, @PathVariable String id) {
        DataPlaneDatabases.Row db = ready(caller, id);
        return Envelopes.data(tenant(db).check(connections.target(db)));
    }

    @GetMapping("/v1/databases/{id}/tables")
    @Access.Scope(Scopes.DATABASES_READ)
    @Operation(summary = "List the tables of a database, live")
    public Envelopes.Data<List<TableInfo>> tables(Caller caller, @PathVariable String id) {
        DataPlaneDatabases.Row db = ready(caller, id);
        try {
            return Envelopes.data(tenant(db).tables(connections.target(db)));
        } catch (EngineException e) {
            throw translate(e);
        }
    }

    @PostMapping("/v1/databases/{id}/query")
    @Access.Scope(Scopes.DATABASES_WRITE)
    @Operation(summary = "Run SQL over HTTP as the database's own user",
            description = "params bind to positional placeholders (? for every engine). timeoutMs (default 10000, at most 60000) "
                    + "and maxRows (default 1000, at most 10000) are enforced; truncated tells whether rows were cut. "
                    + "readOnly refuses writes. An SQL error is 400 query_error with the engine's message.")
    public Envelopes.Data<QueryResult> query(Caller caller, @PathVariable String id, @RequestBody QueryBody body) {
        if (body.query() == null || body.query().isBlank()) {
            throw ApiException.badRequest("invalid_request", "query must not be blank");
        }
        if (body.query().length() > MAX_QUERY_LENGTH) {
            throw ApiException.badRequest("invalid_request", "query must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        // timeoutMs is the API's unit; inside it is a Duration.
        Duration timeout = Duration.ofMillis(bounded("timeoutMs", body.timeoutMs(), (int) defaultTimeout.toMillis(),
                (int) maxTimeout.toMillis()));
        int maxRows = bounded("maxRows", body.maxRows(), defaultMaxRows, maxRowsLimit);
        List<Object> params = body.params() == null ? List.of() : body.params();
        for (Object p : params) {
            if (p != null && !(p instanceof String || p instanceof Number || p instanceof Boolean)) {
                throw ApiException.badRequest("invalid_request", "params may only hold strings, numbers, booleans and null");
            }
        }
        DataPlaneDatabases.Row db = ready(caller, id);
        try {
            QueryResult result = tenant(db).query(connections.target(db),
                    new QueryRequest(body.query(), params, Boolean.TRUE.equals(body.readOnly()), timeout, maxRows));
            usage.recordQuery(db, result.rows().size());
            return Envelopes.data(result);
        } catch (EngineException e) {
            throw translate(e);
        }
    }

    private DataPlaneDatabases.Row ready(Caller caller, String id) {
        DataPlaneDatabases.Row db = databases.find(caller.organizationId(), id)
                .orElseThrow(() -> ApiException.notFound("database", id));
        caller.requireProject("database", id, db.projectId());
        if (db.status() != DatabaseStatus.READY) {
            throw ApiException.conflict("database_not_ready", "database " + id + " is " + db.status());
        }
        return db;
    }

    private EngineTenant tenant(DataPlaneDatabases.Row db) {
        return engines.get(db.engine()).tenant();
    }

    private static int bounded(String field, Integer value, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > max) {
            throw ApiException.badRequest("invalid_request", field + " must be between 1 and " + max);
        }
        return value;
    }

    private static ApiException translate(EngineException e) {
        return switch (e.code()) {
            case "query_error" -> ApiException.badRequest("query_error", e.getMessage());
            case "database_unreachable", "engine_unavailable" -> new ApiException(503, e.code(), e.getMessage());
            default -> new ApiException(502, e.code(), e.getMessage());
        };
    }
}
