package io.strata.command;

import io.strata.command.apikey.ApiKeyLookupWriter;
import io.strata.command.database.DatabaseCatalog;
import io.strata.command.webhook.WebhookEndpoint;
import io.strata.platform.store.ModuleSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** command-service's tables, event processors and snapshot triggers. */
@Configuration(proxyBeanMethods = false)
public class CommandProcessing {
    @Bean
    ModuleSchema commandSchema() {
        return new ModuleSchema("command");
    }

    @Bean(WebhookEndpoint.SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition webhookEndpointSnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, WebhookEndpoint.SNAPSHOT_EVERY);
    }

    @Autowired
    void configure(EventProcessingConfigurer processing) {
        // Both run inside the transaction that stores the events: see each class.
        processing.registerSubscribingEventProcessor(ApiKeyLookupWriter.GROUP);
        processing.registerSubscribingEventProcessor(DatabaseCatalog.GROUP);
    }
}
