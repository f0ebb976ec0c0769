package io.strata.query.audit;

import io.strata.contract.Metadata;
import io.strata.platform.store.StoredEvents;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every event of one aggregate, oldest first, read from the event store itself (not from a projection). */
@Component
public class ResourceHistory {
    private final StoredEvents store;
    private final Serializer serializer;

    public ResourceHistory(StoredEvents store, Serializer serializer) {
        this.store = store;
        this.serializer = serializer;
    }

    public record Event(AuditEntry entry, String organizationId, String projectId) {
    }

    public List<Event> of(String aggregateId) {
        List<Event> events = new ArrayList<>();
        for (StoredEvents.StoredEvent stored : store.ofAggregate(aggregateId)) {
            Object payload = serializer.deserialize(new SimpleSerializedObject<>(stored.payload(), byte[].class,
                    stored.payloadType(), stored.payloadRevision()));
            EventDescriptions.Description d = EventDescriptions.describe(payload);
            if (d == null) {
                continue;
            }
            MetaData meta = stored.metadata() == null ? MetaData.emptyInstance() : serializer.deserialize(
                    new SimpleSerializedObject<>(stored.metadata(), byte[].class, MetaData.class.getName(), null));
            events.add(new Event(new AuditEntry(stored.position(), stored.eventId(), EventDescriptions.typeOf(payload),
                    d.resourceType(), d.resourceId(), Instant.parse(stored.timestamp()),
                    new AuditEntry.Actor(String.valueOf(meta.getOrDefault(Metadata.ACTOR_TYPE, Metadata.ACTOR_SYSTEM)),
                            (String) meta.get(Metadata.ACTOR_ID)),
                    (String) meta.get(Metadata.REQUEST_ID), d.data()), d.organizationId(), d.projectId()));
        }
        return events;
    }
}
