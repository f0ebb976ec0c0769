package io.strata.query.webhook;

import io.strata.contract.webhook.DeliveryEvents.DeliveryAttempted;
import io.strata.contract.webhook.DeliveryEvents.DeliveryFailed;
import io.strata.contract.webhook.DeliveryEvents.DeliveryRestarted;
import io.strata.contract.webhook.DeliveryEvents.DeliveryScheduled;
import io.strata.contract.webhook.DeliveryEvents.DeliverySucceeded;
import io.strata.contract.webhook.DeliveryResource;
import io.strata.contract.webhook.DeliveryState;
import io.strata.platform.web.PageRequest;
import io.strata.query.Positions;
import io.strata.query.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Webhook deliveries and every attempt: q_webhook_deliveries, q_webhook_attempts. */
@Component
@ProcessingGroup(ReadModels.DELIVERIES)
public class DeliveryProjection {
    public record Row(DeliveryResource delivery, long position) {
    }

    private final JdbcTemplate jdbc;

    public DeliveryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DeliveryScheduled e, @Timestamp Instant at, TrackingToken token) {
        jdbc.update("insert into q_webhook_deliveries (id, webhook_id, organization_id, event_id, event_type, state, "
                        + "created_at, position) values (?, ?, ?, ?, ?, 'pending', ?, ?) on conflict (id) do nothing",
                e.deliveryId(), e.webhookId(), e.organizationId(), e.eventId(), e.eventType(), Positions.ts(at),
                Positions.of(token));
    }

    @EventHandler
    void on(DeliveryAttempted e) {
        jdbc.update("insert into q_webhook_attempts (delivery_id, attempt, at, status_code, duration_ms, error) "
                        + "values (?, ?, ?, ?, ?, ?) on conflict do nothing", e.deliveryId(), e.attempt(), Positions.ts(e.at()),
                e.statusCode(), e.durationMs(), e.error());
        jdbc.update("update q_webhook_deliveries set next_attempt_at = ? where id = ?", Positions.ts(e.nextAttemptAt()),
                e.deliveryId());
    }

    @EventHandler
    void on(DeliverySucceeded e) {
        jdbc.update("update q_webhook_deliveries set state = 'delivered', next_attempt_at = null where id = ?", e.deliveryId());
    }

    @EventHandler
    void on(DeliveryFailed e) {
        jdbc.update("update q_webhook_deliveries set state = 'failed', next_attempt_at = null where id = ?", e.deliveryId());
    }

    @EventHandler
    void on(DeliveryRestarted e, @Timestamp Instant at) {
        jdbc.update("update q_webhook_deliveries set state = 'pending', next_attempt_at = ? where id = ?", Positions.ts(at),
                e.deliveryId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from q_webhook_attempts");
        jdbc.update("delete from q_webhook_deliveries");
    }

    public List<Row> list(String organizationId, String webhookId, PageRequest page) {
        Map<String, Row> rows = new LinkedHashMap<>();
        jdbc.query("select id, event_id, event_type, state, next_attempt_at, created_at, position from q_webhook_deliveries "
                        + "where organization_id = ? and webhook_id = ? and position > ? order by position limit ?",
                rs -> {
                    rows.put(rs.getString(1), new Row(new DeliveryResource(rs.getString(1), rs.getString(2),
                            rs.getString(3), DeliveryState.of(rs.getString(4)), new ArrayList<>(), Positions.instant(rs.getTimestamp(5)),
                            Positions.instant(rs.getTimestamp(6))), rs.getLong(7)));
                }, organizationId, webhookId, page.after(), page.fetchSize());
        if (!rows.isEmpty()) {
            jdbc.query("select delivery_id, attempt, at, status_code, duration_ms, error from q_webhook_attempts "
                            + "where delivery_id = any(?) order by delivery_id, attempt",
                    rs -> {
                        rows.get(rs.getString(1)).delivery().attempts().add(new DeliveryResource.Attempt(rs.getInt(2),
                                Positions.instant(rs.getTimestamp(3)), (Integer) rs.getObject(4), rs.getLong(5),
                                rs.getString(6)));
                    }, (Object) rows.keySet().toArray(String[]::new));
        }
        return new ArrayList<>(rows.values());
    }
}
