package io.strata.webhooks.endpoint;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Table access for wh_endpoints, the delivery side's view of endpoints. Secrets stay sealed. */
@Component
public class WebhookEndpoints {
    private static final String SELECT = "select id, organization_id, url, events, enabled, deleted, sealed_secret, "
            + "sealed_previous_secret, previous_secret_expires_at from wh_endpoints";
    private static final RowMapper<WebhookEndpoint> ROW = (rs, i) -> new WebhookEndpoint(rs.getString(1),
            rs.getString(2), rs.getString(3), List.of((String[]) rs.getArray(4).getArray()), rs.getBoolean(5),
            rs.getBoolean(6), rs.getString(7), rs.getString(8), instant(rs.getTimestamp(9)));

    private final JdbcTemplate jdbc;

    public WebhookEndpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void create(String id, String organizationId, String url, List<String> events, String sealedSecret) {
        jdbc.update("insert into wh_endpoints (id, organization_id, url, events, sealed_secret) "
                        + "values (?, ?, ?, ?, ?) on conflict (id) do nothing",
                id, organizationId, url, events.toArray(String[]::new), sealedSecret);
    }

    public void update(String id, String url, List<String> events, boolean enabled) {
        jdbc.update("update wh_endpoints set url = ?, events = ?, enabled = ? where id = ?",
                url, events.toArray(String[]::new), enabled, id);
    }

    public void disable(String id) {
        jdbc.update("update wh_endpoints set enabled = false where id = ?", id);
    }

    public void delete(String id) {
        jdbc.update("update wh_endpoints set deleted = true, enabled = false where id = ?", id);
    }

    /** The current secret becomes the previous one, which keeps signing until it expires. */
    public void rotate(String id, String sealedSecret, Instant previousExpiresAt) {
        jdbc.update("update wh_endpoints set sealed_previous_secret = sealed_secret, sealed_secret = ?, "
                        + "previous_secret_expires_at = ? where id = ?",
                sealedSecret, previousExpiresAt == null ? null : Timestamp.from(previousExpiresAt), id);
    }

    public Optional<WebhookEndpoint> find(String id) {
        return jdbc.query(SELECT + " where id = ?", ROW, id).stream().findFirst();
    }

    /** The organization's endpoints, whatever their state: {@link WebhookFanOut} decides who gets what. */
    public List<WebhookEndpoint> ofOrganization(String organizationId) {
        return jdbc.query(SELECT + " where organization_id = ? order by id", ROW, organizationId);
    }

    public void deleteAll() {
        jdbc.update("delete from wh_endpoints");
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
