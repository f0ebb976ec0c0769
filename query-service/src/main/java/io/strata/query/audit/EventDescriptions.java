package io.strata.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.contract.ResourceEvent;
import io.strata.contract.catalog.EventCatalog;
import io.strata.platform.store.AxonStoreConfiguration;

import java.util.Set;

/**
 * What the audit log says about an event: the resource it concerns, the organization and project
 * (all three from {@link ResourceEvent}), and its data without anything secret-like (hashes, sealed
 * values, webhook bodies). Events are records of the contract, so this needs no per-event code.
 */
final class EventDescriptions {
    /** The audit data is the stored payload: written with the same mapper that stored it. */
    private static final ObjectMapper JSON = AxonStoreConfiguration.storageObjectMapper();
    private static final Set<String> NEVER_SHOWN = Set.of("secretHash", "sealedSecret", "sealedConnection", "body");

    private EventDescriptions() {
    }

    record Description(String organizationId, String projectId, String resourceType, String resourceId, JsonNode data) {
    }

    /** The event's description, or null for an event that belongs to no organization's audit log. */
    static Description describe(Object payload) {
        if (!(payload instanceof ResourceEvent event) || event.organizationId() == null) {
            return null;
        }
        ObjectNode data = JSON.valueToTree(payload);
        NEVER_SHOWN.forEach(data::remove);
        return new Description(event.organizationId(), event.projectId(), event.resourceType().wireName(),
                event.resourceId(), data);
    }

    /** The type the audit log shows: the event's permanent name, which is also its stored payload type. */
    static String typeOf(Object payload) {
        return EventCatalog.nameOf(payload.getClass()).orElse(payload.getClass().getSimpleName());
    }

    static String json(JsonNode data) {
        return data.toString();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
