package io.strata.contract.organization;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;


/** Commands of the Organization aggregate. */
public final class OrganizationCommands {
    private OrganizationCommands() {
    }

    /**
     * Creates an organization together with its first API key (every scope) in one unit of work,
     * so there is never an organization nobody can act for.
     */
    public record CreateOrganization(String organizationId, String name,
                                     String firstKeyId, String firstKeyName, String firstKeyPrefix,
                                     String firstKeySecretHash, Set<String> firstKeyScopes) {
    }

    public record RenameOrganization(@TargetAggregateIdentifier String organizationId, String name) {
    }
}
