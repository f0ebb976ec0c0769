package io.strata.platform.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads of the event store's rows as stored (bytes, not deserialized events), for the modules that need
 * an event's own position or its exact bytes: the audit chain hashes them, usage facts and history are
 * keyed by them. The store's table is the platform's; no other module names it in SQL.
 */
@Component
public class StoredEvents {
    private static final String SELECT = "select global_index, event_identifier, aggregate_identifier, sequence_number, "
            + "payload_type, payload_revision, payload, meta_data, time_stamp from domain_event_entry";
    private static final RowMapper<StoredEvent> ROW = (rs, i) -> new StoredEvent(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getBytes(7), rs.getBytes(8),
            rs.getString(9));

    /** One stored event; {@code timestamp} is the ISO-8601 text Axon writes. */
    public record StoredEvent(long position, String eventId, String aggregateId, long sequenceNumber,
                              String payloadType, String payloadRevision, byte[] payload, byte[] metadata,
                              String timestamp) {
    }

    private final JdbcTemplate jdbc;

    public StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored events with these ids, by id (an id not in the store is absent). */
    public Map<String, StoredEvent> byEventIds(Collection<String> eventIds) {
        Map<String, StoredEvent> events = new HashMap<>();
        jdbc.query(SELECT + " where event_identifier = any(?)", ROW, (Object) eventIds.toArray(String[]::new))
                .forEach(e -> events.put(e.eventId(), e));
        return events;
    }

    /** The stored events at these positions, by position (a position not in the store is absent). */
    public Map<Long, StoredEvent> byPositions(Collection<Long> positions) {
        Map<Long, StoredEvent> events = new HashMap<>();
        jdbc.query(SELECT + " where global_index = any(?)", ROW, (Object) positions.toArray(Long[]::new))
                .forEach(e -> events.put(e.position(), e));
        return events;
    }

    /** An aggregate's events in their order. */
    public List<StoredEvent> ofAggregate(String aggregateId) {
        return jdbc.query(SELECT + " where aggregate_identifier = ? order by sequence_number", ROW, aggregateId);
    }

    /** The global index of the event with this id, if it is stored. */
    public OptionalLong positionOf(String eventId) {
        List<Long> positions = jdbc.queryForList("select global_index from domain_event_entry where event_identifier = ?",
                Long.class, eventId);
        return positions.isEmpty() ? OptionalLong.empty() : OptionalLong.of(positions.get(0));
    }

    /** Whether an aggregate of this type with this id has any event. */
    public boolean aggregateExists(String aggregateId, String aggregateType) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from domain_event_entry "
                + "where aggregate_identifier = ? and type = ?)", Boolean.class, aggregateId, aggregateType));
    }
}
