package io.strata.command.database;

import io.strata.command.Names;
import io.strata.contract.Ids;
import io.strata.contract.apikey.Scopes;
import io.strata.contract.database.ConnectionString;
import io.strata.contract.database.DatabaseCommands.CreateDatabase;
import io.strata.contract.database.DatabaseCommands.DeleteDatabase;
import io.strata.contract.database.DatabaseCommands.RegisterDatabase;
import io.strata.contract.database.DatabaseCommands.RenameDatabase;
import io.strata.contract.database.DatabaseCommands.RotateCredentials;
import io.strata.contract.database.DatabaseCommands.UpdateDatabaseConnection;
import io.strata.contract.database.DatabaseResource;
import io.strata.contract.database.Engines;
import io.strata.contract.job.JobResource;
import io.strata.contract.job.JobType;
import io.strata.platform.auth.Access;
import io.strata.platform.auth.Caller;
import io.strata.platform.command.CommandSender;
import io.strata.platform.secrets.SecretBox;
import io.strata.platform.web.ApiException;
import io.strata.platform.web.Envelopes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.util.function.Function;

@RestController
@Tag(name = "Databases")
public class DatabaseController {
    public record CreateDatabaseRequest(String projectId, String name, String engine, String connectionString) {
        @Override
        public String toString() { // the connection string may hold a password
            return "CreateDatabaseRequest[" + projectId + ", " + name + ", " + engine + "]";
        }
    }

    public record UpdateDatabaseRequest(String name, String connectionString) {
        @Override
        public String toString() {
            return "UpdateDatabaseRequest[" + name + "]";
        }
    }

    private final CommandSender commands;
    private final DatabaseCatalog catalog;
    private final RegistrationVerifier verifier;
    private final SecretBox secrets;
    private final Clock clock;
    private final int maxAttempts;

    public DatabaseController(CommandSender commands, DatabaseCatalog catalog, RegistrationVerifier verifier,
                              SecretBox secrets, Clock clock, @Value("${strata.jobs.max-attempts:5}") int maxAttempts) {
        this.commands = commands;
        this.catalog = catalog;
        this.verifier = verifier;
        this.secrets = secrets;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    @PostMapping("/v1/databases")
    @Access.Scope(Scopes.DATABASES_WRITE)
    @Operation(summary = "Create a database, or register an existing one",
            description = "Without connectionString: 202 with a database.create job; the database is provisioned on the engine. "
                    + "With connectionString (postgres:// or mariadb://): the database is verified live first and registered (201); "
                    + "422 with database_unreachable, database_auth_failed, database_permission_denied or database_error when it cannot be used.")
    public ResponseEntity<?> create(Caller caller, @RequestBody CreateDatabaseRequest request) {
        if (request.projectId() == null || request.projectId().isBlank()) {
            throw ApiException.badRequest("invalid_request", "projectId is required");
        }
        caller.requireProject("project", request.projectId(), request.projectId());
        String name = Names.require("name", request.name());
        String engine = request.engine();
        if (engine == null || !Engines.ALL.contains(engine)) {
            throw ApiException.badRequest("unknown_engine", "engine must be one of " + String.join(", ", Engines.ALL));
        }
        requireFreeName(caller, request.projectId(), name, "");
        String databaseId = Ids.database();
        if (request.connectionString() != null) {
            return register(caller, request, name, databaseId);
        }
        return startJob(JobType.DATABASE_CREATE, databaseId, jobId -> new CreateDatabase(databaseId,
                caller.organizationId(), request.projectId(), name, engine, jobId, maxAttempts));
    }

    private ResponseEntity<Envelopes.Data<DatabaseResource>> register(Caller caller, CreateDatabaseRequest request,
                                                                     String name, String databaseId) {
        if (request.engine().equals(Engines.SQLITE)) {
            throw ApiException.unprocessable("engine_not_supported_for_registration",
                    "a SQLite file cannot be registered from outside; create a sqlite database instead");
        }
        ConnectionString target = parse(request.connectionString(), request.engine());
        verifier.verify(target);
        DatabaseResource created = commands.send(new RegisterDatabase(databaseId, caller.organizationId(),
                request.projectId(), name, request.engine(), target.host(), target.port(), target.databaseName(),
                target.user(), secrets.seal(request.connectionString().trim(), databaseId)), databaseId);
        return ResponseEntity.created(URI.create("/v1/databases/" + databaseId)).body(Envelopes.data(created));
    }

    @PatchMapping("/v1/databases/{id}")
    @Access.Scope(Scopes.DATABASES_WRITE)
    @Operation(summary = "Rename a database, or give a registered one a new connection string",
            description = "A new connectionString is verified live before it is stored. With If-Match: <version>, "
                    + "412 precondition_failed when the database changed since.")
    public Envelopes.Data<DatabaseResource> update(Caller caller, @PathVariable String id,
                                                   @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                   @RequestBody UpdateDatabaseRequest request) {
        DatabaseCatalog.Entry entry = visible(caller, id);
        Long expectedVersion = parseVersion(ifMatch);
        if (request.name() == null && request.connectionString() == null) {
            throw ApiException.badRequest("invalid_request", "send name and/or connectionString");
        }
        DatabaseResource result = null;
        if (request.connectionString() != null) {
            ConnectionString target = parse(request.connectionString(), entry.engine());
            verifier.verify(target);
            result = commands.send(new UpdateDatabaseConnection(id, caller.organizationId(), target.host(), target.port(),
                    target.databaseName(), target.user(), secrets.seal(request.connectionString().trim(), id),
                    expectedVersion), id);
            expectedVersion = null; // checked once, on the first change
        }
        if (request.name() != null) {
            String name = Names.require("name", request.name());
            requireFreeName(caller, entry.projectId(), name, id);
            result = commands.send(new RenameDatabase(id, caller.organizationId(), name, expectedVersion), id);
        }
        return Envelopes.data(result);
    }

    @DeleteMapping("/v1/databases/{id}")
    @Access.Scope(Scopes.DATABASES_WRITE)
    @Operation(summary = "Delete a database", description = "202 with a database.delete job: open connections are "
            + "terminated and the database and its role are dropped on the engine. A registered database is only forgotten.")
    public ResponseEntity<Envelopes.Data<JobResource>> delete(Caller caller, @PathVariable String id) {
        visible(caller, id);
        return startJob(JobType.DATABASE_DELETE, id, jobId -> new DeleteDatabase(id, caller.organizationId(), jobId,
                maxAttempts));
    }

    @PostMapping("/v1/databases/{id}/credentials/rotate")
    @Access.Scope(Scopes.CREDENTIALS_WRITE)
    @Operation(summary = "Rotate the database password", description = "202 with a credentials.rotate job; "
            + "afterwards the engine refuses the old password.")
    public ResponseEntity<Envelopes.Data<JobResource>> rotate(Caller caller, @PathVariable String id) {
        visible(caller, id);
        return startJob(JobType.CREDENTIALS_ROTATE, id, jobId -> new RotateCredentials(id, caller.organizationId(), jobId,
                maxAttempts));
    }

    private DatabaseCatalog.Entry visible(Caller caller, String id) {
        DatabaseCatalog.Entry entry = catalog.find(caller.organizationId(), id)
                .orElseThrow(() -> ApiException.notFound("database", id));
        caller.requireProject("database", id, entry.projectId());
        return entry;
    }

    private void requireFreeName(Caller caller, String projectId, String name, String exceptId) {
        if (catalog.nameTaken(caller.organizationId(), projectId, name, exceptId)) {
            throw ApiException.conflict("database_name_taken", "project " + projectId + " already has a database named '" + name + "'");
        }
    }

    private static ConnectionString parse(String connectionString, String engine) {
        ConnectionString target;
        try {
            target = ConnectionString.parse(connectionString);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_connection_string", e.getMessage());
        }
        if (!target.engine().equals(engine)) {
            throw ApiException.badRequest("invalid_connection_string", "the connection string is for " + target.engine()
                    + ", the database is " + engine);
        }
        return target;
    }

    private static Long parseVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(ifMatch.trim().replace("\"", "").replaceFirst("^W/", ""));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_if_match", "If-Match must be a database version (an integer)");
        }
    }

    /** Sends the command that starts a job of this type on the database; 202 with the queued job. */
    private ResponseEntity<Envelopes.Data<JobResource>> startJob(JobType type, String databaseId,
                                                                 Function<String, Object> commandForJob) {
        String jobId = Ids.job();
        commands.send(commandForJob.apply(jobId), databaseId);
        JobResource job = JobResource.queued(jobId, type, databaseId, maxAttempts, clock.instant());
        return ResponseEntity.accepted().location(URI.create("/v1/jobs/" + job.id())).body(Envelopes.data(job));
    }
}
