package io.strata.contract.organization;

/** Events of the Organization aggregate. Names and packages are permanent: the store records them. */
public final class OrganizationEvents {
    private OrganizationEvents() {
    }

    public record OrganizationCreated(String organizationId, String name) {
    }

    public record OrganizationRenamed(String organizationId, String name) {
    }
}
