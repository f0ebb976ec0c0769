package io.strata.webhooks;

import io.strata.platform.store.ModuleSchema;
import io.strata.webhooks.delivery.AttemptOutcomes;
import io.strata.webhooks.fanout.ByOrganization;
import io.strata.webhooks.fanout.WebhookEventRouter;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Webhook fan-out and delivery, imported by the process that runs them (provisioner-saga, and so the
 * standalone). The process provides the platform (store, secrets, target policy) and db-scheduler.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = WebhooksModule.class)
@EnableConfigurationProperties(WebhookProperties.class)
@PropertySource("classpath:webhooks-defaults.properties")
public class WebhooksModule {

    /** Its own tables (wh_), migrations (db/webhooks) and history. */
    @Bean
    ModuleSchema webhooksSchema() {
        return new ModuleSchema("webhooks");
    }

    @Bean
    AttemptOutcomes attemptOutcomes(WebhookProperties properties) {
        return new AttemptOutcomes(properties.retrySchedule(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * A failed fan-out (database down, a command refused) must be retried, not logged and skipped
     * (Axon's default): propagating makes the tracking processor back off and handle the event again.
     */
    @Autowired
    void retryFailedFanOut(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(WebhookEventRouter.GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }

    /**
     * The fan-out runs in {@code strata.webhooks.fan-out-segments} segments, one thread each, split by
     * organization ({@link ByOrganization}): one thread's database round trips limit webhook throughput,
     * and organizations are independent. One segment by default: the benchmark (one organization) cannot
     * show a gain. The count applies when the processor's tokens are first created.
     */
    @Autowired
    void parallelFanOut(EventProcessingConfigurer processing,
                        @Value("${strata.webhooks.fan-out-segments}") int segments,
                        @Value("${strata.events.batch-size:100}") int batchSize) {
        processing.registerSequencingPolicy(WebhookEventRouter.GROUP, configuration -> new ByOrganization());
        processing.registerTrackingEventProcessorConfiguration(WebhookEventRouter.GROUP, configuration ->
                TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                        .andInitialSegmentsCount(segments)
                        .andBatchSize(batchSize));
    }
}
