package io.strata.command.webhook;

import io.strata.contract.Ids;
import io.strata.contract.apikey.Scopes;
import io.strata.contract.webhook.WebhookCommands.CreateWebhookEndpoint;
import io.strata.contract.webhook.WebhookCommands.DeleteWebhookEndpoint;
import io.strata.contract.webhook.WebhookCommands.RequestRedelivery;
import io.strata.contract.webhook.WebhookCommands.RotateWebhookSecret;
import io.strata.contract.webhook.WebhookCommands.SendWebhookTest;
import io.strata.contract.webhook.WebhookCommands.UpdateWebhookEndpoint;
import io.strata.contract.webhook.WebhookEventTypes;
import io.strata.contract.webhook.WebhookResource;
import io.strata.platform.auth.Access;
import io.strata.platform.auth.Caller;
import io.strata.platform.command.CommandSender;
import io.strata.platform.net.WebhookTargets;
import io.strata.platform.secrets.SecretBox;
import io.strata.platform.web.ApiException;
import io.strata.platform.web.Envelopes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@RestController
@Tag(name = "Webhooks")
public class WebhookController {
    public record CreateWebhookRequest(String url, List<String> events, String description) {
    }

    public record UpdateWebhookRequest(String url, List<String> events, Boolean enabled, String description) {
    }

    public record TestSent(String webhookId, String eventId) {
    }

    static final int MAX_DESCRIPTION = 500;

    private final CommandSender commands;
    private final WebhookTargets targets;
    private final SecretBox secrets;
    private final DeliveryCatalog deliveries;
    private final Clock clock;
    private final Duration secretOverlap;

    public WebhookController(CommandSender commands, WebhookTargets targets, SecretBox secrets, DeliveryCatalog deliveries,
                             Clock clock, @Value("${strata.webhooks.secret-overlap:24h}") Duration secretOverlap) {
        this.commands = commands;
        this.targets = targets;
        this.secrets = secrets;
        this.deliveries = deliveries;
        this.clock = clock;
        this.secretOverlap = secretOverlap;
    }

    @PostMapping("/v1/webhooks")
    @Access.Scope(Scopes.WEBHOOKS_WRITE)
    @Operation(summary = "Subscribe an endpoint to events", description = "The signing secret (whsec_…) is in this "
            + "response only. The URL must be https and must not resolve to a private, loopback or link-local address.")
    public ResponseEntity<Envelopes.Data<WebhookResource.CreatedWebhook>> create(Caller caller,
                                                                                @RequestBody CreateWebhookRequest request) {
        String url = targets.validate(request.url()).toString();
        List<String> events = validEvents(request.events());
        String description = validDescription(request.description());
        String id = Ids.webhook();
        String secret = WebhookSecrets.generate();
        commands.send(new CreateWebhookEndpoint(id, caller.organizationId(), url, events, description,
                secrets.seal(secret, id)), id);
        Instant now = clock.instant();
        return ResponseEntity.created(URI.create("/v1/webhooks/" + id)).body(Envelopes.data(
                new WebhookResource.CreatedWebhook(id, url, events, description, true, null, now, now, secret)));
    }

    @PatchMapping("/v1/webhooks/{id}")
    @Access.Scope(Scopes.WEBHOOKS_WRITE)
    @Operation(summary = "Change an endpoint's url, events, description, or enable/disable it")
    public Envelopes.Data<WebhookResource> update(Caller caller, @PathVariable String id,
                                                  @RequestBody UpdateWebhookRequest request) {
        String url = request.url() == null ? null : targets.validate(request.url()).toString();
        List<String> events = request.events() == null ? null : validEvents(request.events());
        return Envelopes.data(commands.send(new UpdateWebhookEndpoint(id, caller.organizationId(), url, events,
                request.enabled(), validDescription(request.description())), id));
    }

    @DeleteMapping("/v1/webhooks/{id}")
    @Access.Scope(Scopes.WEBHOOKS_WRITE)
    @Operation(summary = "Delete an endpoint", description = "Pending deliveries to it are failed, not sent.")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        commands.send(new DeleteWebhookEndpoint(id, caller.organizationId()), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v1/webhooks/{id}/rotate-secret")
    @Access.Scope(Scopes.WEBHOOKS_WRITE)
    @Operation(summary = "Rotate the signing secret", description = "Returns the new secret once. For 24 hours "
            + "deliveries carry two signatures, one per secret, so receivers can switch without losing any.")
    public Envelopes.Data<WebhookResource.RotatedSecret> rotate(Caller caller, @PathVariable String id) {
        String secret = WebhookSecrets.generate();
        Instant previousExpiresAt = clock.instant().plus(secretOverlap);
        commands.send(new RotateWebhookSecret(id, caller.organizationId(), secrets.seal(secret, id), previousExpiresAt), id);
        return Envelopes.data(new WebhookResource.RotatedSecret(id, secret, previousExpiresAt));
    }

    @PostMapping("/v1/webhooks/{id}/test")
    @Access.Scope(Scopes.WEBHOOKS_WRITE)
    @Operation(summary = "Send a webhook.test event to this endpoint")
    public ResponseEntity<Envelopes.Data<TestSent>> test(Caller caller, @PathVariable String id) {
        String eventId = Ids.event();
        commands.send(new SendWebhookTest(id, caller.organizationId(), eventId), id);
        return ResponseEntity.accepted().body(Envelopes.data(new TestSent(id, eventId)));
    }

    @PostMapping("/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver")
    @Access.Scope(Scopes.WEBHOOKS_WRITE)
    @Operation(summary = "Send a delivery again", description = "With the same webhook-id, so receivers can deduplicate.")
    public ResponseEntity<Void> redeliver(Caller caller, @PathVariable String id, @PathVariable String deliveryId) {
        if (!deliveries.belongsTo(deliveryId, id)) {
            throw ApiException.notFound("delivery", deliveryId);
        }
        commands.send(new RequestRedelivery(id, caller.organizationId(), deliveryId), id);
        return ResponseEntity.accepted().build();
    }

    private static List<String> validEvents(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw ApiException.badRequest("invalid_request", "events must name at least one event type");
        }
        List<String> events = new ArrayList<>();
        for (String type : requested) {
            if (type == null || !WebhookEventTypes.ALL.contains(type)) {
                throw ApiException.badRequest("unknown_event_type", "unknown event type '" + type + "'; known: "
                        + String.join(" ", WebhookEventTypes.ALL));
            }
            if (!events.contains(type)) {
                events.add(type);
            }
        }
        return events;
    }

    private static String validDescription(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw ApiException.badRequest("invalid_request", "description must be at most " + MAX_DESCRIPTION + " characters");
        }
        return description;
    }
}
