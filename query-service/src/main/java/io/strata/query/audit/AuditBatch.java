package io.strata.query.audit;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The audit rows of one processor batch, written together: one read of the events' stored bytes,
 * one look-up of each organization's last link before the batch, the links computed here, and one
 * batch insert. Three statements per event (read, look-up, insert) were the bottleneck of replays.
 */
final class AuditBatch {

    /** An audit row waiting for its link: everything but the chain hash. */
    record Row(long position, String eventId, String type, EventDescriptions.Description description,
               Timestamp occurredAt, String actorType, String actorId, String requestId) {
    }

    private record Stored(String payloadType, byte[] payload, byte[] metadata) {
    }

    private final JdbcTemplate jdbc;
    private final List<Row> rows = new ArrayList<>();

    AuditBatch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(Row row) {
        rows.add(row);
    }

    void flush() {
        if (rows.isEmpty()) {
            return;
        }
        Map<Long, Stored> stored = new HashMap<>();
        Set<Long> taken = new HashSet<>();
        readStored(stored, taken);
        // As one insert per event did: rows are taken in the order they were handled (positions
        // never decrease along a processor's stream), and a row whose position is already recorded,
        // before or earlier in this batch, is not written and does not extend its organization's chain.
        List<Row> written = rows.stream().filter(row -> taken.add(row.position())).toList();
        rows.clear();
        if (written.isEmpty()) {
            return;
        }
        Map<String, String> links = linksBefore(written);
        List<Object[]> inserts = new ArrayList<>(written.size());
        for (Row row : written) {
            Stored event = stored.get(row.position());
            if (event == null) {
                throw new IllegalStateException("no stored event at position " + row.position());
            }
            EventDescriptions.Description d = row.description();
            String link = AuditChain.link(links.get(d.organizationId()), row.eventId(), event.payloadType(),
                    event.payload(), event.metadata());
            links.put(d.organizationId(), link);
            inserts.add(new Object[]{row.position(), d.organizationId(), d.projectId(), row.eventId(), row.type(),
                    d.resourceType(), d.resourceId(), row.occurredAt(), row.actorType(), row.actorId(), row.requestId(),
                    EventDescriptions.json(d.data()), link});
        }
        jdbc.batchUpdate("""
                insert into q_audit_log (position, organization_id, project_id, event_id, type, resource_type, resource_id,
                    occurred_at, actor_type, actor_id, request_id, data, chain_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (position) do nothing""", inserts);
    }

    /** The stored payload type, payload and metadata at every queued position, and which of them are recorded already. */
    private void readStored(Map<Long, Stored> stored, Set<Long> recorded) {
        jdbc.query("""
                        select e.global_index, e.payload_type, e.payload, e.meta_data, a.position is not null
                        from domain_event_entry e left join q_audit_log a on a.position = e.global_index
                        where e.global_index = any(?)""",
                rs -> {
                    stored.put(rs.getLong(1), new Stored(rs.getString(2), rs.getBytes(3), rs.getBytes(4)));
                    if (rs.getBoolean(5)) {
                        recorded.add(rs.getLong(1));
                    }
                }, (Object) rows.stream().map(Row::position).distinct().toArray(Long[]::new));
    }

    /** Each organization's last link before its first row in this batch (the genesis if it has none). */
    private Map<String, String> linksBefore(List<Row> written) {
        Map<String, Long> firstPositions = new LinkedHashMap<>();
        written.forEach(row -> firstPositions.putIfAbsent(row.description().organizationId(), row.position()));
        Map<String, String> links = new HashMap<>();
        jdbc.query("""
                        select o.organization_id, (select a.chain_hash from q_audit_log a
                                                   where a.organization_id = o.organization_id and a.position < o.first
                                                   order by a.position desc limit 1)
                        from unnest(?::varchar[], ?::bigint[]) as o(organization_id, first)""",
                rs -> {
                    String previous = rs.getString(2);
                    links.put(rs.getString(1), previous == null ? AuditChain.GENESIS : previous);
                }, firstPositions.keySet().toArray(String[]::new), firstPositions.values().toArray(Long[]::new));
        return links;
    }
}
