package io.strata.command;

import io.strata.command.apikey.ApiKeyLookupWriter;
import io.strata.command.database.DatabaseCatalog;
import io.strata.platform.store.ModuleSchema;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** command-service's tables and event processors. */
@Configuration(proxyBeanMethods = false)
public class CommandProcessing {
    @Bean
    ModuleSchema commandSchema() {
        return new ModuleSchema("command");
    }

    @Autowired
    void configure(EventProcessingConfigurer processing) {
        // Both run inside the transaction that stores the events: see each class.
        processing.registerSubscribingEventProcessor(ApiKeyLookupWriter.GROUP);
        processing.registerSubscribingEventProcessor(DatabaseCatalog.GROUP);
    }
}
