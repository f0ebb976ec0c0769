package io.strata.command.webhook;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.strata.contract.Refusal;
import io.strata.contract.webhook.WebhookCommands.CreateWebhookEndpoint;
import io.strata.contract.webhook.WebhookCommands.DeleteWebhookEndpoint;
import io.strata.contract.webhook.WebhookCommands.DisableWebhookEndpoint;
import io.strata.contract.webhook.WebhookCommands.RequestRedelivery;
import io.strata.contract.webhook.WebhookCommands.RotateWebhookSecret;
import io.strata.contract.webhook.WebhookCommands.SendWebhookTest;
import io.strata.contract.webhook.WebhookCommands.UpdateWebhookEndpoint;
import io.strata.contract.webhook.WebhookEvents.WebhookEndpointCreated;
import io.strata.contract.webhook.WebhookEvents.WebhookEndpointDeleted;
import io.strata.contract.webhook.WebhookEvents.WebhookEndpointDisabled;
import io.strata.contract.webhook.WebhookEvents.WebhookEndpointUpdated;
import io.strata.contract.webhook.WebhookEvents.WebhookRedeliveryRequested;
import io.strata.contract.webhook.WebhookEvents.WebhookSecretRotated;
import io.strata.contract.webhook.WebhookEvents.WebhookTestRequested;
import io.strata.contract.webhook.WebhookResource;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A webhook endpoint of an organization: where events go, which ones, and whether deliveries are on.
 * <p>
 * Every test and redelivery request is an event on this stream, so it grows without bound; loading it
 * whole for each command made each test slower than the last (the webhook benchmark fell to ~20 tests/s
 * after a few hundred). A snapshot every {@value #SNAPSHOT_EVERY} events keeps loads short. The snapshot is
 * this object's fields as JSON (no secret is held here: the sealed secret lives only in the events).
 */
@Aggregate(snapshotTriggerDefinition = WebhookEndpoint.SNAPSHOT_TRIGGER)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public class WebhookEndpoint {
    public static final String SNAPSHOT_TRIGGER = "webhookEndpointSnapshots";
    public static final int SNAPSHOT_EVERY = 50;

    @AggregateIdentifier
    private String id;
    private String organizationId;
    private String url;
    private List<String> events;
    private String description;
    private boolean enabled;
    private String disabledReason;
    private boolean deleted;
    private Instant createdAt;
    private Instant updatedAt;

    protected WebhookEndpoint() {
    }

    @CommandHandler
    public WebhookEndpoint(CreateWebhookEndpoint command) {
        apply(new WebhookEndpointCreated(command.webhookId(), command.organizationId(), command.url(), command.events(),
                command.description(), command.sealedSecret()));
    }

    @CommandHandler
    public WebhookResource handle(UpdateWebhookEndpoint command) {
        requireVisibleTo(command.organizationId());
        String newUrl = command.url() != null ? command.url() : url;
        List<String> newEvents = command.events() != null ? command.events() : events;
        boolean newEnabled = command.enabled() != null ? command.enabled() : enabled;
        String newDescription = command.description() != null ? command.description() : description;
        if (!newUrl.equals(url) || !newEvents.equals(events) || newEnabled != enabled
                || !Objects.equals(newDescription, description)) {
            apply(new WebhookEndpointUpdated(id, organizationId, newUrl, newEvents, newEnabled, newDescription));
        }
        return view();
    }

    @CommandHandler
    public void handle(DeleteWebhookEndpoint command) {
        requireVisibleTo(command.organizationId());
        apply(new WebhookEndpointDeleted(id, organizationId));
    }

    @CommandHandler
    public void handle(RotateWebhookSecret command) {
        requireVisibleTo(command.organizationId());
        apply(new WebhookSecretRotated(id, organizationId, command.sealedSecret(), command.previousSecretExpiresAt()));
    }

    @CommandHandler
    public void handle(SendWebhookTest command) {
        requireVisibleTo(command.organizationId());
        if (!enabled) {
            throw Refusal.conflict("webhook_disabled", "webhook " + id + " is disabled; enable it to send a test");
        }
        apply(new WebhookTestRequested(id, organizationId, command.eventId()));
    }

    @CommandHandler
    public void handle(RequestRedelivery command) {
        requireVisibleTo(command.organizationId());
        apply(new WebhookRedeliveryRequested(id, organizationId, command.deliveryId()));
    }

    /** From the 410 policy: idempotent, and a deleted endpoint stays deleted. */
    @CommandHandler
    public void handle(DisableWebhookEndpoint command) {
        if (enabled && !deleted) {
            apply(new WebhookEndpointDisabled(id, organizationId, command.reason()));
        }
    }

    WebhookResource view() {
        return new WebhookResource(id, url, events, description, enabled, disabledReason, createdAt, updatedAt);
    }

    private void requireVisibleTo(String organizationId) {
        if (deleted || !this.organizationId.equals(organizationId)) {
            throw Refusal.notFound("webhook", id);
        }
    }

    @EventSourcingHandler
    void on(WebhookEndpointCreated e, @Timestamp Instant at) {
        id = e.webhookId();
        organizationId = e.organizationId();
        url = e.url();
        events = List.copyOf(e.events());
        description = e.description();
        enabled = true;
        createdAt = at;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(WebhookEndpointUpdated e, @Timestamp Instant at) {
        url = e.url();
        events = List.copyOf(e.events());
        description = e.description();
        if (e.enabled() && !enabled) {
            disabledReason = null;
        }
        enabled = e.enabled();
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(WebhookEndpointDisabled e, @Timestamp Instant at) {
        enabled = false;
        disabledReason = e.reason();
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(WebhookSecretRotated e, @Timestamp Instant at) {
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(WebhookEndpointDeleted e, @Timestamp Instant at) {
        deleted = true;
        updatedAt = at;
    }
}
