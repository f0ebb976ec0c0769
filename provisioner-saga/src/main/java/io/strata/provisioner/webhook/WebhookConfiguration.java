package io.strata.provisioner.webhook;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.ThreadLocalRandom;

/** Wiring of webhook delivery. */
@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    /** Picked up by db-scheduler's starter like every Task bean. */
    @Bean
    DeliveryAttemptTask deliveryAttemptTask(DeliveryAttempts attempts, EndpointConcurrency concurrency) {
        return new DeliveryAttemptTask(attempts, concurrency);
    }

    @Bean
    AttemptOutcomes attemptOutcomes(WebhookProperties properties) {
        return new AttemptOutcomes(properties.retrySchedule(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * A failed fan-out (query side behind, database down) must be retried, not logged and skipped
     * (Axon's default): propagating makes the tracking processor back off and handle the event again.
     */
    @Autowired
    void retryFailedFanOut(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(WebhookEventRouter.GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
