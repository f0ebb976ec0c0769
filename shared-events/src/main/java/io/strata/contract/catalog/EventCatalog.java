package io.strata.contract.catalog;

import io.strata.contract.EventType;
import io.strata.contract.apikey.ApiKeyEvents;
import io.strata.contract.database.DatabaseEvents;
import io.strata.contract.job.JobEvents;
import io.strata.contract.organization.OrganizationEvents;
import io.strata.contract.project.ProjectEvents;
import io.strata.contract.usage.UsageEvents;
import io.strata.contract.webhook.DeliveryEvents;
import io.strata.contract.webhook.WebhookEvents;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every event of the contract under its permanent {@link EventType} name, and the names the first
 * release stored instead (class names, which moved with their holder classes). The event store
 * writes the permanent names and reads both, so a store written by any release still loads.
 * <p>
 * A new event is a record, annotated with {@code @EventType} and {@code @Revision}, in one of the
 * holders below. A name once stored is never reused for another event, and never removed.
 * <p>
 * The first release stored no revision (null); its shapes are revision 1, so an upcaster to a later
 * revision treats null and "1" alike.
 */
public final class EventCatalog {
    /** The holders of the contract's event records. */
    static final List<Class<?>> HOLDERS = List.of(OrganizationEvents.class, ApiKeyEvents.class,
            ProjectEvents.class, DatabaseEvents.class, JobEvents.class, WebhookEvents.class, DeliveryEvents.class,
            UsageEvents.class);

    /** payload_type as the first release stored it (the class name) → the event's permanent name. */
    public static final Map<String, String> FIRST_RELEASE_NAMES = Map.ofEntries(
            Map.entry("io.strata.contract.organization.OrganizationEvents$OrganizationCreated", "OrganizationCreated"),
            Map.entry("io.strata.contract.organization.OrganizationEvents$OrganizationRenamed", "OrganizationRenamed"),
            Map.entry("io.strata.contract.apikey.ApiKeyEvents$ApiKeyCreated", "ApiKeyCreated"),
            Map.entry("io.strata.contract.apikey.ApiKeyEvents$ApiKeyRevoked", "ApiKeyRevoked"),
            Map.entry("io.strata.contract.project.ProjectEvents$ProjectCreated", "ProjectCreated"),
            Map.entry("io.strata.contract.project.ProjectEvents$ProjectRenamed", "ProjectRenamed"),
            Map.entry("io.strata.contract.project.ProjectEvents$ProjectDeleted", "ProjectDeleted"),
            Map.entry("io.strata.contract.database.DatabaseEvents$DatabaseCreationRequested", "DatabaseCreationRequested"),
            Map.entry("io.strata.contract.database.DatabaseEvents$DatabaseRegistered", "DatabaseRegistered"),
            Map.entry("io.strata.contract.database.DatabaseEvents$DatabaseReady", "DatabaseReady"),
            Map.entry("io.strata.contract.database.DatabaseEvents$DatabaseFailed", "DatabaseFailed"),
            Map.entry("io.strata.contract.database.DatabaseEvents$DatabaseRenamed", "DatabaseRenamed"),
            Map.entry("io.strata.contract.database.DatabaseEvents$DatabaseConnectionUpdated", "DatabaseConnectionUpdated"),
            Map.entry("io.strata.contract.database.DatabaseEvents$DatabaseDeletionRequested", "DatabaseDeletionRequested"),
            Map.entry("io.strata.contract.database.DatabaseEvents$DatabaseDeleted", "DatabaseDeleted"),
            Map.entry("io.strata.contract.database.DatabaseEvents$DatabaseDeletionFailed", "DatabaseDeletionFailed"),
            Map.entry("io.strata.contract.database.DatabaseEvents$CredentialRotationRequested", "CredentialRotationRequested"),
            Map.entry("io.strata.contract.database.DatabaseEvents$CredentialsRotated", "CredentialsRotated"),
            Map.entry("io.strata.contract.database.DatabaseEvents$CredentialRotationFailed", "CredentialRotationFailed"),
            Map.entry("io.strata.contract.job.JobEvents$JobStarted", "JobStarted"),
            Map.entry("io.strata.contract.job.JobEvents$JobAttemptStarted", "JobAttemptStarted"),
            Map.entry("io.strata.contract.job.JobEvents$JobAttemptFailed", "JobAttemptFailed"),
            Map.entry("io.strata.contract.job.JobEvents$JobSucceeded", "JobSucceeded"),
            Map.entry("io.strata.contract.job.JobEvents$JobGaveUp", "JobGaveUp"),
            Map.entry("io.strata.contract.job.JobEvents$JobCompleted", "JobCompleted"),
            Map.entry("io.strata.contract.job.JobEvents$JobFailed", "JobFailed"),
            Map.entry("io.strata.contract.webhook.WebhookEvents$WebhookEndpointCreated", "WebhookEndpointCreated"),
            Map.entry("io.strata.contract.webhook.WebhookEvents$WebhookEndpointUpdated", "WebhookEndpointUpdated"),
            Map.entry("io.strata.contract.webhook.WebhookEvents$WebhookEndpointDeleted", "WebhookEndpointDeleted"),
            Map.entry("io.strata.contract.webhook.WebhookEvents$WebhookSecretRotated", "WebhookSecretRotated"),
            Map.entry("io.strata.contract.webhook.WebhookEvents$WebhookTestRequested", "WebhookTestRequested"),
            Map.entry("io.strata.contract.webhook.WebhookEvents$WebhookRedeliveryRequested", "WebhookRedeliveryRequested"),
            Map.entry("io.strata.contract.webhook.WebhookEvents$WebhookEndpointDisabled", "WebhookEndpointDisabled"),
            Map.entry("io.strata.contract.webhook.DeliveryEvents$DeliveryScheduled", "DeliveryScheduled"),
            Map.entry("io.strata.contract.webhook.DeliveryEvents$DeliveryAttempted", "DeliveryAttempted"),
            Map.entry("io.strata.contract.webhook.DeliveryEvents$DeliverySucceeded", "DeliverySucceeded"),
            Map.entry("io.strata.contract.webhook.DeliveryEvents$DeliveryFailed", "DeliveryFailed"),
            Map.entry("io.strata.contract.webhook.DeliveryEvents$DeliveryEndpointGone", "DeliveryEndpointGone"),
            Map.entry("io.strata.contract.webhook.DeliveryEvents$DeliveryRestarted", "DeliveryRestarted"),
            Map.entry("io.strata.contract.usage.UsageEvents$QueriesMetered", "QueriesMetered"),
            Map.entry("io.strata.contract.usage.UsageEvents$StorageSampled", "StorageSampled"));

    private static final Map<String, Class<?>> BY_NAME = byName();

    private EventCatalog() {
    }

    /** Every event class of the contract. */
    public static List<Class<?>> events() {
        return HOLDERS.stream().flatMap(holder -> Arrays.stream(holder.getDeclaredClasses()))
                .filter(type -> type.isAnnotationPresent(EventType.class)).toList();
    }

    /** The permanent name of an event class; empty for anything that is not an event of the contract. */
    public static Optional<String> nameOf(Class<?> type) {
        EventType name = type.getAnnotation(EventType.class);
        return name == null ? Optional.empty() : Optional.of(name.value());
    }

    /** The event class stored under this name: a permanent name or one the first release stored. */
    public static Optional<Class<?>> classOf(String storedName) {
        String name = FIRST_RELEASE_NAMES.getOrDefault(storedName, storedName);
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static Map<String, Class<?>> byName() {
        Map<String, Class<?>> byName = new HashMap<>();
        for (Class<?> event : events()) {
            String name = nameOf(event).orElseThrow();
            Class<?> clash = byName.put(name, event);
            if (clash != null) {
                throw new IllegalStateException("event type " + name + " names both " + clash + " and " + event);
            }
        }
        for (String name : FIRST_RELEASE_NAMES.values()) {
            if (!byName.containsKey(name)) {
                throw new IllegalStateException("first-release event type " + name + " has no event class");
            }
        }
        return Map.copyOf(byName);
    }
}
