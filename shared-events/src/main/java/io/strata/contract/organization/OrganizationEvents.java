package io.strata.contract.organization;

import io.strata.contract.EventType;
import org.axonframework.serialization.Revision;

/** Events of the Organization aggregate. Their stored names are the {@link EventType}s, not these classes. */
public final class OrganizationEvents {
    private OrganizationEvents() {
    }

    @EventType("OrganizationCreated")
    @Revision("1")
    public record OrganizationCreated(String organizationId, String name) implements OrganizationResourceEvent {
    }

    @EventType("OrganizationRenamed")
    @Revision("1")
    public record OrganizationRenamed(String organizationId, String name) implements OrganizationResourceEvent {
    }
}
