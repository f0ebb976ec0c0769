package io.strata.command;

import io.strata.command.apikey.ApiKeyLookupWriter;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** command-service's event processors. */
@Configuration(proxyBeanMethods = false)
public class CommandProcessing {
    @Autowired
    void configure(EventProcessingConfigurer processing) {
        // In the storing transaction: see ApiKeyLookupWriter.
        processing.registerSubscribingEventProcessor(ApiKeyLookupWriter.GROUP);
    }
}
