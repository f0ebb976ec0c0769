package io.strata.query.audit;

import io.strata.contract.Metadata;
import io.strata.platform.web.PageRequest;
import io.strata.query.Positions;
import io.strata.query.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import io.strata.platform.store.StoredEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The audit log (q_audit_log): every event that belongs to an organization, with who caused it
 * (actor and request id from the event's metadata) and the next link of the organization's hash
 * chain, computed over the event's stored bytes as the event store holds them.
 */
@Component
@ProcessingGroup(ReadModels.AUDIT)
public class AuditLogProjection {
    static final String SELECT = "select position, event_id, type, resource_type, resource_id, occurred_at, actor_type, "
            + "actor_id, request_id, data from q_audit_log";
    static final RowMapper<AuditEntry> ENTRY = (rs, i) -> new AuditEntry(rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), Positions.instant(rs.getTimestamp(6)),
            new AuditEntry.Actor(rs.getString(7), rs.getString(8)), rs.getString(9),
            EventDescriptions.parse(rs.getString(10)));

    public record Filter(String resourceId, String type, String actorId, Long after) {
    }

    private static final String BATCH = AuditBatch.class.getName();

    private final JdbcTemplate jdbc;
    private final StoredEvents store;

    public AuditLogProjection(JdbcTemplate jdbc, StoredEvents store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /**
     * Queues the event's row on the processor's unit of work; the whole batch (up to
     * strata.events.batch-size events) is linked and written when it commits, see AuditBatch.
     */
    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        EventDescriptions.Description d = EventDescriptions.describe(payload);
        if (d == null) {
            return;
        }
        var meta = message.getMetaData();
        AuditBatch.Row row = new AuditBatch.Row(message.getIdentifier(),
                EventDescriptions.typeOf(payload), d, Positions.ts(message.getTimestamp()),
                String.valueOf(meta.getOrDefault(Metadata.ACTOR_TYPE, Metadata.ACTOR_SYSTEM)),
                (String) meta.get(Metadata.ACTOR_ID), (String) meta.get(Metadata.REQUEST_ID));
        if (!CurrentUnitOfWork.isStarted()) {
            AuditBatch alone = new AuditBatch(jdbc, store);
            alone.add(row);
            alone.flush();
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        unitOfWork.getOrComputeResource(BATCH, key -> {
            AuditBatch batch = new AuditBatch(jdbc, store);
            // Still inside the processor's transaction, together with its token update.
            unitOfWork.onPrepareCommit(u -> batch.flush());
            return batch;
        }).add(row);
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from q_audit_log");
    }

    public List<AuditEntry> list(String organizationId, String onlyProjectId, Filter filter, PageRequest page) {
        long after = Math.max(page.after(), filter.after() == null ? -1 : filter.after());
        return jdbc.query(SELECT + """
                         where organization_id = ? and position > ? and (?::text is null or project_id = ?)
                           and (?::text is null or resource_id = ?) and (?::text is null or type = ?)
                           and (?::text is null or actor_id = ?)
                        order by position limit ?""", ENTRY, organizationId, after, onlyProjectId, onlyProjectId,
                filter.resourceId(), filter.resourceId(), filter.type(), filter.type(), filter.actorId(), filter.actorId(),
                page.fetchSize());
    }

    public record Verification(boolean ok, long checkedEvents, String headHash, Long firstBadPosition) {
    }

    /**
     * Recomputes the organization's chain from the event store's bytes and compares it, link by link,
     * with the chain recorded when each event was projected. The first disagreement is where stored
     * history was changed (or an event removed).
     */
    public Verification verify(String organizationId) {
        record Recorded(long position, String eventId, String chainHash) {
        }
        List<Recorded> rows = jdbc.query("select position, event_id, chain_hash from q_audit_log "
                        + "where organization_id = ? order by position",
                (rs, i) -> new Recorded(rs.getLong(1), rs.getString(2), rs.getString(3)), organizationId);
        Map<Long, StoredEvents.StoredEvent> events = store.byPositions(rows.stream().map(Recorded::position).toList());
        String link = AuditChain.GENESIS;
        long checked = 0;
        for (Recorded row : rows) {
            StoredEvents.StoredEvent event = events.get(row.position());
            boolean present = event != null && row.eventId().equals(event.eventId());
            String recomputed = present
                    ? AuditChain.link(link, row.eventId(), event.payloadType(), event.payload(), event.metadata()) : null;
            if (recomputed == null || !recomputed.equals(row.chainHash())) {
                return new Verification(false, checked, link, row.position());
            }
            link = recomputed;
            checked++;
        }
        return new Verification(true, checked, link, null);
    }

}
