package io.strata.provisioner.usage;

import io.strata.contract.Metadata;
import io.strata.contract.usage.UsageEvents.QueriesMetered;
import io.strata.provisioner.dataplane.DataPlaneDatabases;
import jakarta.annotation.PreDestroy;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts queries run through the HTTP API in memory and flushes them as one {@link QueriesMetered}
 * event per database per interval. A crash loses at most one interval of counts; the store is never
 * flooded with an event per query.
 */
@Component
public class UsageMeter {
    private record Key(String databaseId, String organizationId, String projectId) {
    }

    private static final class Counter {
        final AtomicLong queries = new AtomicLong();
        final AtomicLong rows = new AtomicLong();
    }

    private final EventGateway events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private volatile Map<Key, Counter> current = new ConcurrentHashMap<>();
    private volatile Instant periodStart;

    public UsageMeter(EventGateway events, TransactionTemplate transactions, Clock clock) {
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.periodStart = clock.instant();
    }

    public void recordQuery(DataPlaneDatabases.Row database, long rowsReturned) {
        Counter counter = current.computeIfAbsent(new Key(database.id(), database.organizationId(), database.projectId()),
                k -> new Counter());
        counter.queries.incrementAndGet();
        counter.rows.addAndGet(rowsReturned);
    }

    @Scheduled(fixedDelayString = "${strata.usage.flush-interval:60s}")
    @PreDestroy
    public synchronized void flush() {
        Map<Key, Counter> done = current;
        current = new ConcurrentHashMap<>();
        Instant start = periodStart;
        Instant end = clock.instant();
        periodStart = end;
        if (done.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(tx -> done.forEach((key, counter) -> events.publish(
                GenericEventMessage.asEventMessage(new QueriesMetered(key.databaseId(), key.organizationId(),
                                key.projectId(), start, end, counter.queries.get(), counter.rows.get()))
                        .andMetaData(Map.of(Metadata.ACTOR_TYPE, Metadata.ACTOR_SYSTEM,
                                Metadata.ORGANIZATION_ID, key.organizationId())))));
    }
}
