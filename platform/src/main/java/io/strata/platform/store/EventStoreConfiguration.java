package io.strata.platform.store;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The event store, defined here instead of by Axon's auto-configuration (which backs off when an
 * EventBus bean exists) so that processors learn of events stored by other processes promptly:
 * <ul>
 *   <li>{@link StrataEventStore}: Axon's EmbeddedEventStore built exactly as AxonAutoConfiguration builds it
 *       (storage engine, message monitor, span factory), with a configurable fetch delay and a {@code wake()};</li>
 *   <li>{@link EventNotificationListener}: LISTENs on PostgreSQL's {@code strata_events} channel (a trigger on
 *       domain_event_entry notifies it, see V2__notify_on_event_insert.sql) and wakes the store on each notification.</li>
 * </ul>
 * Axon's JDBC auto-configuration backs off its storage engine too once an EventBus bean exists, so the
 * engine is defined here as well, exactly as JdbcAutoConfiguration defines it.
 * <p>
 * The fetch delay ({@code strata.events.fetch-delay}, 1 s) stays as a safety net: it bounds the delay if a
 * notification is lost (listener reconnecting). With {@code strata.events.listen=false} set it short
 * (e.g. 25ms) instead, at the price of a query per fetch delay per process while idle.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Configuration configuration, ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager, EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .build();
    }

    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    public StrataEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                       @Value("${strata.events.fetch-delay:1s}") Duration fetchDelay) {
        return new StrataEventStore(StrataEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(Math.max(1, fetchDelay.toMillis()))
                .timeUnit(TimeUnit.MILLISECONDS));
    }

    @Bean
    @ConditionalOnProperty(name = "strata.events.listen", havingValue = "true", matchIfMissing = true)
    public EventNotificationListener eventNotificationListener(DataSourceProperties dataSource, StrataEventStore eventStore) {
        return new EventNotificationListener(dataSource.determineUrl(), dataSource.determineUsername(),
                dataSource.determinePassword(), eventStore::wake);
    }
}
