package io.strata.query.audit;

import io.strata.platform.store.StoredEvents;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The audit rows of one processor batch, written together: one read of the events' stored bytes and
 * positions, one read of each organization's chain around the batch, the links computed here, and one
 * batch insert. Three statements per event (read, look-up, insert) were the bottleneck of replays.
 * <p>
 * Each row's position is the event's own global index, read with its bytes. It is not the tracking
 * token's position: a token carries the highest position seen, so an event whose transaction committed
 * after a later one's (a gap being filled) would get that later event's position, collide with its row
 * and be lost. Such a late event lands before rows already written, so its organization's chain is
 * relinked from it onwards: the chain always runs in position order, as verify and a replay compute it.
 */
final class AuditBatch {

    /** An audit row waiting for its position and link. */
    record Row(String eventId, String type, EventDescriptions.Description description, Timestamp occurredAt,
               String actorType, String actorId, String requestId) {
    }

    private record Stored(long position, String payloadType, byte[] payload, byte[] metadata, boolean recorded) {
    }

    /** A link of an organization's chain: a new row to insert, or an existing one that may need relinking. */
    private record Link(long position, String eventId, Stored stored, Row row, String recordedHash) {
    }

    private final JdbcTemplate jdbc;
    private final StoredEvents store;
    private final List<Row> rows = new ArrayList<>();

    AuditBatch(JdbcTemplate jdbc, StoredEvents store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    void add(Row row) {
        rows.add(row);
    }

    void flush() {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Stored> stored = readStored();
        // Per organization, its new rows by position; a row already recorded (a redelivered batch) is skipped.
        Map<String, TreeMap<Long, Link>> chains = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Row row : rows) {
            Stored event = stored.get(row.eventId());
            if (event == null) {
                throw new IllegalStateException("event " + row.eventId() + " is not in the store");
            }
            if (event.recorded() || !seen.add(row.eventId())) {
                continue;
            }
            chains.computeIfAbsent(row.description().organizationId(), org -> new TreeMap<>())
                    .put(event.position(), new Link(event.position(), row.eventId(), event, row, null));
        }
        rows.clear();
        if (chains.isEmpty()) {
            return;
        }
        Map<String, String> previous = readChains(chains);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> relinks = new ArrayList<>();
        chains.forEach((organizationId, chain) -> {
            String link = previous.get(organizationId);
            for (Link l : chain.values()) {
                link = AuditChain.link(link, l.eventId(), l.stored().payloadType(), l.stored().payload(),
                        l.stored().metadata());
                if (l.row() != null) {
                    inserts.add(insertArguments(l, link));
                } else if (!link.equals(l.recordedHash())) {
                    relinks.add(new Object[]{link, l.position()});
                }
            }
        });
        jdbc.batchUpdate("""
                insert into q_audit_log (position, organization_id, project_id, event_id, type, resource_type, resource_id,
                    occurred_at, actor_type, actor_id, request_id, data, chain_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""", inserts);
        if (!relinks.isEmpty()) {
            jdbc.batchUpdate("update q_audit_log set chain_hash = ? where position = ?", relinks);
        }
    }

    private static Object[] insertArguments(Link l, String link) {
        Row row = l.row();
        EventDescriptions.Description d = row.description();
        return new Object[]{l.position(), d.organizationId(), d.projectId(), row.eventId(), row.type(),
                d.resourceType(), d.resourceId(), row.occurredAt(), row.actorType(), row.actorId(), row.requestId(),
                EventDescriptions.json(d.data()), link};
    }

    /** Every queued event's position and stored bytes, and whether it is recorded already. */
    private Map<String, Stored> readStored() {
        Map<String, StoredEvents.StoredEvent> events = store.byEventIds(rows.stream().map(Row::eventId).distinct().toList());
        Set<Long> recorded = new HashSet<>(jdbc.queryForList("select position from q_audit_log where position = any(?)",
                Long.class, (Object) events.values().stream().map(StoredEvents.StoredEvent::position).toArray(Long[]::new)));
        Map<String, Stored> stored = new HashMap<>();
        events.forEach((id, e) -> stored.put(id, new Stored(e.position(), e.payloadType(), e.payload(), e.metadata(),
                recorded.contains(e.position()))));
        return stored;
    }

    /**
     * For each organization: the last link before its first new row (the genesis if none), and adds to its
     * chain the rows already recorded after that point (normally none; some when a late event arrived),
     * which are relinked.
     */
    private Map<String, String> readChains(Map<String, TreeMap<Long, Link>> chains) {
        String[] organizations = chains.keySet().toArray(String[]::new);
        Long[] firsts = new Long[organizations.length];
        for (int i = 0; i < organizations.length; i++) {
            firsts[i] = chains.get(organizations[i]).firstKey();
        }
        Map<String, String> previous = new HashMap<>();
        jdbc.query("""
                        select o.organization_id, (select a.chain_hash from q_audit_log a
                                                   where a.organization_id = o.organization_id and a.position < o.first
                                                   order by a.position desc limit 1)
                        from unnest(?::varchar[], ?::bigint[]) as o(organization_id, first)""",
                rs -> {
                    String hash = rs.getString(2);
                    previous.put(rs.getString(1), hash == null ? AuditChain.GENESIS : hash);
                }, organizations, firsts);
        record Recorded(String organizationId, long position, String eventId, String chainHash) {
        }
        List<Recorded> later = jdbc.query("""
                        select a.organization_id, a.position, a.event_id, a.chain_hash
                        from unnest(?::varchar[], ?::bigint[]) as o(organization_id, first)
                        join q_audit_log a on a.organization_id = o.organization_id and a.position > o.first""",
                (rs, i) -> new Recorded(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)),
                organizations, firsts);
        if (!later.isEmpty()) {
            Map<Long, StoredEvents.StoredEvent> events = store.byPositions(later.stream().map(Recorded::position).toList());
            for (Recorded r : later) {
                StoredEvents.StoredEvent e = events.get(r.position());
                if (e == null) {
                    continue; // removed from the store: verify reports it; a relink cannot hash what is gone
                }
                Stored event = new Stored(r.position(), e.payloadType(), e.payload(), e.metadata(), true);
                chains.get(r.organizationId()).put(r.position(), new Link(r.position(), r.eventId(), event, null, r.chainHash()));
            }
        }
        return previous;
    }
}
