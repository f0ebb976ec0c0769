package io.strata.command.organization;

import io.strata.command.Names;
import io.strata.contract.Ids;
import io.strata.contract.apikey.ApiKeyResource;
import io.strata.contract.apikey.Scopes;
import io.strata.contract.organization.OrganizationCommands.CreateOrganization;
import io.strata.contract.organization.OrganizationCommands.RenameOrganization;
import io.strata.contract.organization.OrganizationResource;
import io.strata.platform.auth.Access;
import io.strata.platform.auth.ApiKeySecrets;
import io.strata.platform.auth.Caller;
import io.strata.platform.command.CommandSender;
import io.strata.platform.web.ApiException;
import io.strata.platform.web.Envelopes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Set;

@RestController
@Tag(name = "Organizations")
public class OrganizationController {
    public record CreateOrganizationRequest(String name) {
    }

    public record RenameOrganizationRequest(String name) {
    }

    public record CreatedOrganization(OrganizationResource organization, ApiKeyResource.CreatedApiKey apiKey) {
    }

    private final CommandSender commands;

    public OrganizationController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping("/v1/organizations")
    @Access.Operator
    @Operation(summary = "Create an organization (operator)",
            description = "Returns the organization and its first API key, which holds every scope. The key's secret is shown this once.")
    public ResponseEntity<Envelopes.Data<CreatedOrganization>> create(@RequestBody CreateOrganizationRequest request) {
        String name = Names.require("name", request.name());
        String organizationId = Ids.organization();
        String keyId = Ids.apiKey();
        ApiKeySecrets.NewSecret secret = ApiKeySecrets.generate();
        Set<String> scopes = Scopes.all();
        OrganizationResource organization = commands.send(new CreateOrganization(organizationId, name, keyId,
                "default", secret.displayPrefix(), secret.hash(), scopes), organizationId, keyId);
        var key = new ApiKeyResource.CreatedApiKey(keyId, organizationId, "default", secret.displayPrefix(), scopes,
                null, organization.createdAt(), null, null, null, secret.secret());
        return ResponseEntity.created(URI.create("/v1/organizations/" + organizationId))
                .body(Envelopes.data(new CreatedOrganization(organization, key)));
    }

    @PatchMapping("/v1/organizations/{id}")
    @Access.Scope(Scopes.ORGANIZATIONS_WRITE)
    @Operation(summary = "Rename the organization")
    public Envelopes.Data<OrganizationResource> rename(Caller caller, @PathVariable String id,
                                                       @RequestBody RenameOrganizationRequest request) {
        if (!id.equals(caller.organizationId())) {
            throw ApiException.notFound("organization", id);
        }
        String name = Names.require("name", request.name());
        return Envelopes.data(commands.send(new RenameOrganization(id, name), id));
    }

}
