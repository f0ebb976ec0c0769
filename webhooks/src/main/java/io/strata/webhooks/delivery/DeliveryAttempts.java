package io.strata.webhooks.delivery;

import io.strata.webhooks.http.HttpAttempt;
import io.strata.webhooks.endpoint.WebhookEndpoint;
import io.strata.webhooks.endpoint.WebhookEndpoints;
import io.strata.webhooks.http.WebhookSender;

import io.strata.contract.webhook.DeliveryCommands.RecordDeliveryAttempt;
import io.strata.contract.webhook.DeliveryOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Runs one attempt: a disabled or deleted endpoint fails the delivery without any request;
 * otherwise sign, POST, decide the outcome and record it (with the next attempt, if any). The HTTP
 * exchange happens outside any transaction; only the recording is transactional.
 */
@Component
public class DeliveryAttempts {
    static final String ENDPOINT_DISABLED = "endpoint_disabled";
    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);

    private final WebhookEndpoints endpoints;
    private final WebhookSender sender;
    private final AttemptOutcomes outcomes;
    private final DeliveryScheduling scheduling;
    private final Clock clock;

    public DeliveryAttempts(WebhookEndpoints endpoints, WebhookSender sender, AttemptOutcomes outcomes,
                            DeliveryScheduling scheduling, Clock clock) {
        this.endpoints = endpoints;
        this.sender = sender;
        this.outcomes = outcomes;
        this.scheduling = scheduling;
        this.clock = clock;
    }

    public void run(DeliveryAttemptData attempt) {
        WebhookEndpoint endpoint = endpoints.find(attempt.webhookId()).orElse(null);
        if (endpoint == null || !endpoint.active()) {
            scheduling.record(attempt, new RecordDeliveryAttempt(attempt.deliveryId(), attempt.attempt(),
                    clock.instant(), null, 0, ENDPOINT_DISABLED, DeliveryOutcome.FAILED, null));
            return;
        }
        HttpAttempt result = sender.send(endpoint, attempt.eventId(), attempt.body());
        Instant now = clock.instant();
        AttemptOutcomes.Decision decision = outcomes.decide(result, attempt.retriesUsed(), now);
        log.info("webhook delivery {} attempt {} to {}: {} ({})", attempt.deliveryId(), attempt.attempt(),
                endpoint.id(), decision.outcome(), result.statusCode() != null ? result.statusCode() : result.error());
        scheduling.record(attempt, new RecordDeliveryAttempt(attempt.deliveryId(), attempt.attempt(), result.at(),
                result.statusCode(), result.durationMs(), result.error(), DeliveryOutcome.of(decision.outcome()),
                decision.nextAttemptAt()));
    }
}
