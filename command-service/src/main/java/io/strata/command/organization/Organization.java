package io.strata.command.organization;

import io.strata.contract.Refusal;
import io.strata.contract.organization.OrganizationCommands.RenameOrganization;
import io.strata.contract.organization.OrganizationEvents.OrganizationCreated;
import io.strata.contract.organization.OrganizationEvents.OrganizationRenamed;
import io.strata.contract.organization.OrganizationResource;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A tenant. Created by {@link OrganizationOnboarding} together with its first API key. */
@Aggregate
public class Organization {
    @AggregateIdentifier
    private String id;
    private String name;
    private Instant createdAt;
    private Instant updatedAt;

    protected Organization() {
    }

    Organization(String id, String name) {
        apply(new OrganizationCreated(id, name));
    }

    @CommandHandler
    public OrganizationResource handle(RenameOrganization command) {
        if (!name.equals(command.name())) {
            apply(new OrganizationRenamed(id, command.name()));
        }
        return view();
    }

    OrganizationResource view() {
        return new OrganizationResource(id, name, createdAt, updatedAt);
    }

    @EventSourcingHandler
    void on(OrganizationCreated event, @Timestamp Instant at) {
        id = event.organizationId();
        name = event.name();
        createdAt = at;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(OrganizationRenamed event, @Timestamp Instant at) {
        name = event.name();
        updatedAt = at;
    }

    static Refusal notFound(String id) {
        return Refusal.notFound("organization", id);
    }
}
