package io.strata.webhooks.delivery;

import io.strata.webhooks.WebhookProperties;

import org.springframework.stereotype.Component;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * At most N attempts in flight per endpoint (in this process), so one slow or dead subscriber
 * never holds all of db-scheduler's threads while other endpoints wait.
 */
@Component
public class EndpointConcurrency {
    private final ConcurrentHashMap<String, Semaphore> permits = new ConcurrentHashMap<>();
    private final int perEndpoint;

    public EndpointConcurrency(WebhookProperties properties) {
        this.perEndpoint = Math.max(1, properties.maxInFlightPerEndpoint());
    }

    public boolean tryAcquire(String webhookId) {
        return permits.computeIfAbsent(webhookId, id -> new Semaphore(perEndpoint)).tryAcquire();
    }

    public void release(String webhookId) {
        permits.get(webhookId).release();
    }
}
