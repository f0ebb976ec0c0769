package io.strata.contract;

/**
 * An event about one resource of an organization: what the audit log and resource history file it
 * under. Per-aggregate interfaces (e.g. a DatabaseEvent) implement both methods as defaults from
 * their own id component, so an event record only declares which aggregate it belongs to.
 */
public interface ResourceEvent extends OrganizationEvent {
    ResourceType resourceType();

    String resourceId();

    /** The project the resource lives in, when it lives in one. */
    default String projectId() {
        return null;
    }
}
