package io.strata.query.organization;

import io.strata.contract.apikey.Scopes;
import io.strata.contract.organization.OrganizationResource;
import io.strata.platform.auth.Access;
import io.strata.platform.auth.Caller;
import io.strata.platform.web.ApiException;
import io.strata.platform.web.Envelopes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Set;

@RestController
@Tag(name = "Organizations")
public class OrganizationQueryController {
    public record Me(OrganizationResource organization, MeKey apiKey) {
    }

    public record MeKey(String id, String name, Set<String> scopes, String projectId, Instant expiresAt) {
    }

    private final OrganizationProjection organizations;

    public OrganizationQueryController(OrganizationProjection organizations) {
        this.organizations = organizations;
    }

    @GetMapping("/v1/me")
    @Access.AnyKey
    @Operation(summary = "The calling key and its organization")
    public Envelopes.Data<Me> me(Caller caller) {
        // Authentication already knows the organization's id; if the read side lags behind a brand-new
        // organization, answer with what is known rather than fail.
        OrganizationResource organization = organizations.find(caller.organizationId())
                .orElse(new OrganizationResource(caller.organizationId(), null, null, null));
        return Envelopes.data(new Me(organization, new MeKey(caller.apiKeyId(), caller.name(), caller.scopes(),
                caller.projectId(), caller.expiresAt())));
    }

    @GetMapping("/v1/organizations/{id}")
    @Access.Scope(Scopes.ORGANIZATIONS_READ)
    @Operation(summary = "Get the caller's organization")
    public Envelopes.Data<OrganizationResource> get(Caller caller, @PathVariable String id) {
        if (!id.equals(caller.organizationId())) {
            throw ApiException.notFound("organization", id);
        }
        return Envelopes.data(organizations.find(id).orElseThrow(() -> ApiException.notFound("organization", id)));
    }
}
