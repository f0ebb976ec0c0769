package io.strata.webhooks.fanout;

import io.strata.contract.OrganizationEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Sequences the fan-out's events by organization: an organization's endpoint changes, resource changes
 * and source events stay in store order (all its events go to one segment), while organizations are
 * fanned out in parallel. Any other event falls into one shared sequence, which is always safe.
 */
public final class ByOrganization implements SequencingPolicy<EventMessage<?>> {
    static final String SHARED = "-";

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        return event.getPayload() instanceof OrganizationEvent e && e.organizationId() != null ? e.organizationId() : SHARED;
    }
}
