package io.strata.query.organization;

import io.strata.contract.organization.OrganizationEvents.OrganizationCreated;
import io.strata.contract.organization.OrganizationEvents.OrganizationRenamed;
import io.strata.contract.organization.OrganizationResource;
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
import java.util.Optional;

/** Organizations: the q_organizations table and its queries. Every write is an idempotent upsert. */
@Component
@ProcessingGroup(ReadModels.ORGANIZATIONS)
public class OrganizationProjection {
    private final JdbcTemplate jdbc;

    public OrganizationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OrganizationCreated event, @Timestamp Instant at, TrackingToken token) {
        jdbc.update("""
                insert into q_organizations (id, name, created_at, updated_at, position) values (?, ?, ?, ?, ?)
                on conflict (id) do nothing""",
                event.organizationId(), event.name(), Positions.ts(at), Positions.ts(at), Positions.of(token));
    }

    @EventHandler
    void on(OrganizationRenamed event, @Timestamp Instant at) {
        jdbc.update("update q_organizations set name = ?, updated_at = ? where id = ?",
                event.name(), Positions.ts(at), event.organizationId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from q_organizations");
    }

    public Optional<OrganizationResource> find(String id) {
        return jdbc.query("select id, name, created_at, updated_at from q_organizations where id = ?",
                (rs, i) -> new OrganizationResource(rs.getString(1), rs.getString(2),
                        Positions.instant(rs.getTimestamp(3)), Positions.instant(rs.getTimestamp(4))), id).stream().findFirst();
    }
}
