package io.strata.command.organization;

import io.strata.command.apikey.ApiKey;
import io.strata.contract.apikey.ApiKeyCommands.CreateApiKey;
import io.strata.contract.organization.OrganizationCommands.CreateOrganization;
import io.strata.contract.organization.OrganizationResource;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Creates an organization and its first API key in one unit of work (one transaction): there is
 * never an organization without a key, nor a key of an organization that does not exist.
 */
@Component
public class OrganizationOnboarding {
    private final Repository<Organization> organizations;
    private final Repository<ApiKey> apiKeys;

    public OrganizationOnboarding(Repository<Organization> organizations, Repository<ApiKey> apiKeys) {
        this.organizations = organizations;
        this.apiKeys = apiKeys;
    }

    @CommandHandler
    public OrganizationResource handle(CreateOrganization command) throws Exception {
        var organization = organizations.newInstance(() -> new Organization(command.organizationId(), command.name()));
        apiKeys.newInstance(() -> new ApiKey(new CreateApiKey(command.firstKeyId(), command.organizationId(),
                command.firstKeyName(), command.firstKeyScopes(), null, null, command.firstKeyPrefix(),
                command.firstKeySecretHash())));
        return organization.invoke(Organization::view);
    }
}
