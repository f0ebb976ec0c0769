package io.strata.command.apikey;

import io.strata.command.Names;
import io.strata.contract.Ids;
import io.strata.contract.apikey.ApiKeyCommands.CreateApiKey;
import io.strata.contract.apikey.ApiKeyCommands.RevokeApiKey;
import io.strata.contract.apikey.ApiKeyResource.CreatedApiKey;
import io.strata.contract.apikey.Scopes;
import io.strata.platform.auth.Access;
import io.strata.platform.auth.ApiKeySecrets;
import io.strata.platform.auth.Caller;
import io.strata.platform.command.CommandSender;
import io.strata.platform.web.ApiException;
import io.strata.platform.web.Envelopes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

@RestController
@Tag(name = "API keys")
public class ApiKeyController {
    public record CreateApiKeyRequest(String name, List<String> scopes, String projectId, Instant expiresAt) {
    }

    private final CommandSender commands;
    private final Clock clock;

    public ApiKeyController(CommandSender commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping("/v1/api-keys")
    @Access.Scope(Scopes.API_KEYS_WRITE)
    @Operation(summary = "Create an API key", description = "The secret is in this response only. A key can never "
            + "hold a scope its creator lacks; a project-scoped key (projectId) may not hold organizations:write, "
            + "api_keys:write or webhooks:write.")
    public ResponseEntity<Envelopes.Data<CreatedApiKey>> create(Caller caller, @RequestBody CreateApiKeyRequest request) {
        String name = Names.require("name", request.name());
        Set<String> scopes = validScopes(request.scopes());
        if (!caller.scopes().containsAll(scopes)) {
            throw ApiException.forbidden("scope_escalation", "a key cannot grant scopes its creator lacks");
        }
        String projectId = request.projectId();
        if (caller.projectScoped()) {
            if (projectId != null && !projectId.equals(caller.projectId())) {
                throw ApiException.notFound("project", projectId);
            }
            projectId = caller.projectId();
        }
        if (projectId != null) {
            List<String> orgWide = scopes.stream().filter(Scopes.ORGANIZATION_WIDE::contains).sorted().toList();
            if (!orgWide.isEmpty()) {
                throw ApiException.badRequest("invalid_scope_for_project_key",
                        "a project-scoped key may not hold " + String.join(", ", orgWide));
            }
        }
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw ApiException.badRequest("invalid_request", "expiresAt must be in the future");
        }
        String keyId = Ids.apiKey();
        ApiKeySecrets.NewSecret secret = ApiKeySecrets.generate();
        commands.send(new CreateApiKey(keyId, caller.organizationId(), name, scopes, projectId, request.expiresAt(),
                secret.displayPrefix(), secret.hash()), keyId);
        var created = new CreatedApiKey(keyId, caller.organizationId(), name, secret.displayPrefix(), scopes, projectId,
                now, null, request.expiresAt(), null, secret.secret());
        return ResponseEntity.created(URI.create("/v1/api-keys/" + keyId)).body(Envelopes.data(created));
    }

    @DeleteMapping("/v1/api-keys/{id}")
    @Access.Scope(Scopes.API_KEYS_WRITE)
    @Operation(summary = "Revoke an API key", description = "The key stops working at once, in every process. "
            + "Revoking a revoked key is not an error.")
    public ResponseEntity<Void> revoke(Caller caller, @PathVariable String id) {
        commands.send(new RevokeApiKey(id, caller.organizationId()), id);
        return ResponseEntity.noContent().build();
    }

    private static Set<String> validScopes(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw ApiException.badRequest("invalid_request", "scopes must name at least one scope");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : requested) {
            if (scope == null || !Scopes.ALL.contains(scope)) {
                throw ApiException.badRequest("unknown_scope", "unknown scope '" + scope + "'; known scopes: "
                        + String.join(" ", Scopes.ALL));
            }
            scopes.add(scope);
        }
        return scopes;
    }
}
