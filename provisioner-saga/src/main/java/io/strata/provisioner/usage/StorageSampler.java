package io.strata.provisioner.usage;

import io.strata.contract.Metadata;
import io.strata.contract.usage.UsageEvents.StorageSampled;
import io.strata.engines.EngineException;
import io.strata.engines.EngineRegistry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Map;

/** Samples the size of every ready managed database on its engine, on a schedule (hourly by default). */
@Component
public class StorageSampler {
    private static final Logger log = LoggerFactory.getLogger(StorageSampler.class);
    private final JdbcTemplate jdbc;
    private final EngineRegistry engines;
    private final EventGateway events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public StorageSampler(JdbcTemplate jdbc, EngineRegistry engines, EventGateway events, TransactionTemplate transactions,
                          Clock clock) {
        this.jdbc = jdbc;
        this.engines = engines;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${strata.usage.storage-sample-interval:1h}",
            initialDelayString = "${strata.usage.storage-sample-interval:1h}")
    public void sample() {
        jdbc.query("select id, organization_id, project_id, engine from prov_databases where status = 'ready' and managed",
                rs -> {
                    String id = rs.getString(1);
                    String organizationId = rs.getString(2);
                    String projectId = rs.getString(3);
                    try {
                        long bytes = engines.get(rs.getString(4)).admin().sizeBytes(id);
                        transactions.executeWithoutResult(tx -> events.publish(GenericEventMessage.asEventMessage(
                                new StorageSampled(id, organizationId, projectId, clock.instant(), bytes)).andMetaData(
                                Map.of(Metadata.ACTOR_TYPE, Metadata.ACTOR_SYSTEM, Metadata.ORGANIZATION_ID, organizationId))));
                    } catch (EngineException | RuntimeException e) {
                        log.warn("could not sample the size of database {}: {}", id, e.getMessage());
                    }
                });
    }
}
