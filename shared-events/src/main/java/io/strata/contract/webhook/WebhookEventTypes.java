package io.strata.contract.webhook;

import java.util.List;

/** The event types a webhook endpoint can subscribe to (API.md, "Webhooks on the wire"). */
public final class WebhookEventTypes {
    private WebhookEventTypes() {
    }

    public static final String JOB_COMPLETED = "job.completed";
    public static final String JOB_FAILED = "job.failed";
    public static final String DATABASE_READY = "database.ready";
    public static final String DATABASE_FAILED = "database.failed";
    public static final String DATABASE_DELETED = "database.deleted";
    public static final String CREDENTIALS_ROTATED = "credentials.rotated";
    public static final String API_KEY_CREATED = "api_key.created";
    public static final String API_KEY_REVOKED = "api_key.revoked";
    public static final String WEBHOOK_TEST = "webhook.test";

    public static final List<String> ALL = List.of(JOB_COMPLETED, JOB_FAILED, DATABASE_READY, DATABASE_FAILED,
            DATABASE_DELETED, CREDENTIALS_ROTATED, API_KEY_CREATED, API_KEY_REVOKED, WEBHOOK_TEST);
}
