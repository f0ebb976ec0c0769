package io.strata.contract;

/**
 * An event that belongs to one organization. Sequencing policies, the audit log and webhook fan-out
 * read the organization through this interface, never by reflection on component names.
 */
public interface OrganizationEvent {
    String organizationId();
}
