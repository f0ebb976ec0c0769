package io.strata.command.webhook;

import io.strata.contract.webhook.DeliveryEvents.DeliveryScheduled;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** command-service's record of which delivery belongs to which endpoint (c_webhook_deliveries). */
@Component
@ProcessingGroup("command.webhook-deliveries")
public class DeliveryCatalog {
    private final JdbcTemplate jdbc;

    public DeliveryCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DeliveryScheduled e) {
        jdbc.update("insert into c_webhook_deliveries (id, webhook_id) values (?, ?) on conflict (id) do nothing",
                e.deliveryId(), e.webhookId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from c_webhook_deliveries");
    }

    public boolean belongsTo(String deliveryId, String webhookId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from c_webhook_deliveries where id = ? and webhook_id = ?)", Boolean.class,
                deliveryId, webhookId));
    }
}
