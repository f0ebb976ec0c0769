package io.strata.webhooks.fanout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body of a webhook, built once per source event: these exact bytes are signed, stored in
 * the delivery and sent on every attempt. A mapper of its own, set like the REST output (ISO
 * timestamps, nulls written), so that {@code data} reads as a GET returns it.
 */
public final class WebhookBodies {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private WebhookBodies() {
    }

    public static String body(String eventId, String type, Instant createdAt, String organizationId,
                              Map<String, ?> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId);
        body.put("type", type);
        body.put("createdAt", createdAt);
        body.put("organizationId", organizationId);
        body.put("data", data);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a webhook body", e);
        }
    }
}
