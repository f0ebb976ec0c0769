package io.strata.query.audit;

import io.strata.contract.Metadata;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every event of one aggregate, oldest first, read from the event store itself (not from a projection). */
@Component
public class ResourceHistory {
    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public ResourceHistory(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    public record Event(AuditEntry entry, String organizationId, String projectId) {
    }

    public List<Event> of(String aggregateId) {
        List<Event> events = new ArrayList<>();
        jdbc.query("""
                        select global_index, event_identifier, payload_type, payload_revision, payload, meta_data, time_stamp
                        from domain_event_entry where aggregate_identifier = ? order by sequence_number""",
                rs -> {
                    Object payload = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(5), byte[].class,
                            rs.getString(3), rs.getString(4)));
                    EventDescriptions.Description d = EventDescriptions.describe(payload);
                    if (d == null) {
                        return;
                    }
                    byte[] metaBytes = rs.getBytes(6);
                    MetaData meta = metaBytes == null ? MetaData.emptyInstance() : serializer.deserialize(
                            new SimpleSerializedObject<>(metaBytes, byte[].class, MetaData.class.getName(), null));
                    events.add(new Event(new AuditEntry(rs.getLong(1), rs.getString(2), EventDescriptions.typeOf(payload),
                            d.resourceType(), d.resourceId(), Instant.parse(rs.getString(7)),
                            new AuditEntry.Actor(String.valueOf(meta.getOrDefault(Metadata.ACTOR_TYPE, Metadata.ACTOR_SYSTEM)),
                                    (String) meta.get(Metadata.ACTOR_ID)),
                            (String) meta.get(Metadata.REQUEST_ID), d.data()), d.organizationId(), d.projectId()));
                }, aggregateId);
        return events;
    }
}
