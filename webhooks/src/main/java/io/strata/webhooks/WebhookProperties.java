package io.strata.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Delivery settings ({@code strata.webhooks.*}, defaults in webhooks-defaults.properties).
 *
 * @param retrySchedule          the delay before each retry; after the last one the delivery fails
 * @param timeout                the bound on one attempt, connect to last byte read
 * @param maxInFlightPerEndpoint attempts one endpoint may have running at once (in this process)
 * @param maxResponseBytes       how much of a response body is read; the rest is discarded
 */
@ConfigurationProperties("strata.webhooks")
public record WebhookProperties(List<Duration> retrySchedule, Duration timeout, int maxInFlightPerEndpoint,
                                int maxResponseBytes) {
}
