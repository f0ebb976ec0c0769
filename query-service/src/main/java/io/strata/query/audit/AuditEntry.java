package io.strata.query.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One event as the audit log and the history endpoints return it. */
public record AuditEntry(long position, String eventId, String type, String resourceType, String resourceId,
                         Instant occurredAt, Actor actor, String requestId, JsonNode data) {
    public record Actor(String type, String id) {
    }
}
