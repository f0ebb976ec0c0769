package io.strata.query.webhook;

import io.strata.contract.webhook.WebhookEvents.WebhookEndpointCreated;
import io.strata.contract.webhook.WebhookEvents.WebhookEndpointDeleted;
import io.strata.contract.webhook.WebhookEvents.WebhookEndpointDisabled;
import io.strata.contract.webhook.WebhookEvents.WebhookEndpointUpdated;
import io.strata.contract.webhook.WebhookEvents.WebhookSecretRotated;
import io.strata.contract.webhook.WebhookResource;
import io.strata.platform.web.PageRequest;
import io.strata.query.Positions;
import io.strata.query.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Webhook endpoints: q_webhooks. The sealed signing secret in the events is never copied here. */
@Component
@ProcessingGroup(ReadModels.WEBHOOKS)
public class WebhookProjection {
    private static final String SELECT = "select id, url, events, description, enabled, disabled_reason, created_at, "
            + "updated_at, position from q_webhooks";

    public record Row(WebhookResource webhook, long position) {
    }

    private static final RowMapper<Row> ROW = (rs, i) -> new Row(new WebhookResource(rs.getString(1), rs.getString(2),
            List.of((String[]) rs.getArray(3).getArray()), rs.getString(4), rs.getBoolean(5), rs.getString(6),
            Positions.instant(rs.getTimestamp(7)), Positions.instant(rs.getTimestamp(8))), rs.getLong(9));

    private final JdbcTemplate jdbc;

    public WebhookProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(WebhookEndpointCreated e, @Timestamp Instant at, TrackingToken token) {
        jdbc.update("insert into q_webhooks (id, organization_id, url, events, description, enabled, created_at, updated_at, "
                        + "position) values (?, ?, ?, ?, ?, true, ?, ?, ?) on conflict (id) do nothing",
                e.webhookId(), e.organizationId(), e.url(), e.events().toArray(String[]::new), e.description(),
                Positions.ts(at), Positions.ts(at), Positions.of(token));
    }

    @EventHandler
    void on(WebhookEndpointUpdated e, @Timestamp Instant at) {
        jdbc.update("update q_webhooks set url = ?, events = ?, description = ?, enabled = ?, "
                        + "disabled_reason = case when ? then null else disabled_reason end, updated_at = ? where id = ?",
                e.url(), e.events().toArray(String[]::new), e.description(), e.enabled(), e.enabled(), Positions.ts(at),
                e.webhookId());
    }

    @EventHandler
    void on(WebhookEndpointDisabled e, @Timestamp Instant at) {
        jdbc.update("update q_webhooks set enabled = false, disabled_reason = ?, updated_at = ? where id = ?",
                e.reason(), Positions.ts(at), e.webhookId());
    }

    @EventHandler
    void on(WebhookSecretRotated e, @Timestamp Instant at) {
        jdbc.update("update q_webhooks set updated_at = ? where id = ?", Positions.ts(at), e.webhookId());
    }

    @EventHandler
    void on(WebhookEndpointDeleted e, @Timestamp Instant at) {
        jdbc.update("update q_webhooks set deleted = true, updated_at = ? where id = ?", Positions.ts(at), e.webhookId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from q_webhooks");
    }

    public Optional<WebhookResource> find(String organizationId, String id) {
        return jdbc.query(SELECT + " where id = ? and organization_id = ? and not deleted", ROW, id, organizationId)
                .stream().map(Row::webhook).findFirst();
    }

    public List<Row> list(String organizationId, PageRequest page) {
        return jdbc.query(SELECT + " where organization_id = ? and not deleted and position > ? order by position limit ?",
                ROW, organizationId, page.after(), page.fetchSize());
    }
}
