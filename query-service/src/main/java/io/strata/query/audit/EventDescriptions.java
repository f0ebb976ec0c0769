package io.strata.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.platform.store.AxonStoreConfiguration;

import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Set;

/**
 * What the audit log says about an event: the resource it concerns (its first id field), the
 * organization and project, and its data without anything secret-like (hashes, sealed values,
 * webhook bodies). Events are records of the contract, so this needs no per-event code.
 */
final class EventDescriptions {
    /** The audit data is the stored payload: written with the same mapper that stored it. */
    private static final ObjectMapper JSON = AxonStoreConfiguration.storageObjectMapper();
    private static final Map<String, String> RESOURCE_BY_ID_FIELD = Map.of(
            "organizationId", "organization", "apiKeyId", "api_key", "projectId", "project", "databaseId", "database",
            "jobId", "job", "webhookId", "webhook", "deliveryId", "delivery");
    private static final Set<String> NEVER_SHOWN = Set.of("secretHash", "sealedSecret", "sealedConnection", "body");

    private EventDescriptions() {
    }

    record Description(String organizationId, String projectId, String resourceType, String resourceId, JsonNode data) {
    }

    static Description describe(Object payload) {
        if (!payload.getClass().isRecord()) {
            return null;
        }
        RecordComponent[] components = payload.getClass().getRecordComponents();
        if (components.length == 0 || !RESOURCE_BY_ID_FIELD.containsKey(components[0].getName())) {
            return null;
        }
        ObjectNode data = JSON.valueToTree(payload);
        String organizationId = text(data, "organizationId");
        if (organizationId == null) {
            return null;
        }
        String resourceType = RESOURCE_BY_ID_FIELD.get(components[0].getName());
        String resourceId = text(data, components[0].getName());
        String projectId = resourceType.equals("project") ? resourceId : text(data, "projectId");
        NEVER_SHOWN.forEach(data::remove);
        return new Description(organizationId, projectId, resourceType, resourceId, data);
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
